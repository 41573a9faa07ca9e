using System.Net;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>Checks of the answer format of spec §3.</summary>
internal static class ApiAssert
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The company fields of spec §4.2, in schema order.</summary>
    public static readonly string[] CompanyFields = ["org_name", "org_type", "org_industry", "org_www", "org_sla", "org_contact", "org_people"];

    public static void Success(CrmResponse response, params string[] keys)
    {
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal(JsonContentType, response.ContentType, ignoreCase: true);
        Assert.True(response.Success, response.ToString());
        Assert.Equal(["success", .. keys], response.Keys);
        foreach (var key in keys.Where(k => response.Json.GetProperty(k).ValueKind != JsonValueKind.Array))
        {
            Assert.Equal(JsonValueKind.String, response.Json.GetProperty(key).ValueKind);
        }
    }

    /// <summary>A <c>{"success":true,"id":"…"}</c> answer; returns the id.</summary>
    public static string Id(CrmResponse response)
    {
        Success(response, "id");
        var id = response["id"];
        Assert.True(long.TryParse(id, out var number) && number > 0, $"id '{id}'");
        return id;
    }

    public static CrmResponse Error(CrmResponse response, HttpStatusCode status, string code)
    {
        Assert.True(response.Status == status, $"expected {(int)status} {code}, got {response}");
        Assert.Equal(JsonContentType, response.ContentType, ignoreCase: true);
        Assert.False(response.Success);
        Assert.Equal(code, response.Code);
        Assert.False(string.IsNullOrWhiteSpace(response["details"]));
        Assert.Equal(code == "duplicate" ? ["success", "details", "code", "existingId"] : ["success", "details", "code"], response.Keys);
        return response;
    }

    /// <summary>A flat entry (<c>getcompanybyname</c>): id then every field code, all strings.</summary>
    public static Dictionary<string, string> FlatCompany(CrmResponse response)
    {
        Success(response, ["id", .. CompanyFields]);
        return response.Json.EnumerateObject().Where(p => p.Name != "success").ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The items of <c>getcompanies</c>: each id, name, then every field code, all strings; in id order.</summary>
    public static List<Dictionary<string, string>> CompanyList(CrmResponse response)
    {
        Success(response, "companies");
        var items = new List<Dictionary<string, string>>();
        foreach (var item in response.Json.GetProperty("companies").EnumerateArray())
        {
            Assert.Equal(["id", "name", .. CompanyFields], item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
            items.Add(item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        }
        var ids = items.Select(i => long.Parse(i["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(items, i => Assert.Equal(i["org_name"], i["name"]));
        return items;
    }
}
