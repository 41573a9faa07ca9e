using System.Globalization;
using System.Net;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

/// <summary>
/// The one way tests call the API and check its answers against the answer format (docs/api.md#answers-and-errors).
/// <c>Ok</c> asserts a success, <c>Fails</c> an error's code with its status; <c>Id</c>, <c>Company</c> and
/// <c>Companies</c> also check the exact keys of those answers. Calls go as GET by the administrator;
/// <see cref="Via"/> switches to form POST, <see cref="As"/> to another user. The <c>Assert…</c> statics check
/// an answer obtained otherwise (a hand-built request).
/// </summary>
public sealed class Api(CrmClient client, bool post = false, string? login = null)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The company fields of the default schema, in schema order.</summary>
    public static readonly string[] CompanyFields = ["org_name", "org_type", "org_industry", "org_www", "org_sla", "org_contact", "org_people"];

    public CrmClient Client => client;

    /// <summary>The same calls sent as a form POST (<paramref name="formPost"/>) or as GET.</summary>
    public Api Via(bool formPost) => new(client, formPost, login);

    /// <summary>The same calls made as <paramref name="user"/> (API key and login in the query string, as integrations send them).</summary>
    public Api As(string user) => new(client, post, user);

    public Task<CrmResponse> Call(string command, params (string Name, string Value)[] parameters)
    {
        (string Name, string Value)[] all = [("command", command), .. parameters];
        return login is null
            ? client.CallAsync(post, all)
            : client.SendAsync(post ? HttpMethod.Post : HttpMethod.Get, [("apiKey", CrmTestServer.ApiKey), ("userName", login), .. all], withCredentials: false);
    }

    public async Task<CrmResponse> Ok(string command, params (string Name, string Value)[] parameters)
    {
        var response = await Call(command, parameters);
        AssertOk(response, command);
        return response;
    }

    public async Task<CrmResponse> Fails(string code, string command, params (string Name, string Value)[] parameters)
    {
        var response = await Call(command, parameters);
        AssertError(response, code);
        return response;
    }

    /// <summary>A <c>{"success":true,"id":"…"}</c> answer; returns the id.</summary>
    public async Task<string> Id(string command, params (string Name, string Value)[] parameters) =>
        AssertId(await Call(command, parameters));

    /// <summary>A flat company (<c>getcompanybyname</c>): id then every field code, all strings.</summary>
    public async Task<Dictionary<string, string>> Company(string command, params (string Name, string Value)[] parameters) =>
        AssertCompany(await Call(command, parameters));

    /// <summary>The items of <c>getcompanies</c>: each id, name, then every field code, all strings; in id order.</summary>
    public async Task<List<Dictionary<string, string>>> Companies(string command, params (string Name, string Value)[] parameters) =>
        AssertCompanies(await Call(command, parameters));

    /// <summary>The records of a list answer (<c>records</c>, <c>contacts</c> …) as string dictionaries.</summary>
    public async Task<List<Dictionary<string, string>>> List(string listKey, string command, params (string Name, string Value)[] parameters) =>
        Records((await Ok(command, parameters)).Json.GetProperty(listKey));

    public Task<List<Dictionary<string, string>>> Search(string table, params (string Field, string Value)[] pairs) =>
        List("records", "searchEntities", [("tableName", table), .. Pairs(pairs)]);

    public async Task<Dictionary<string, string>> Get(string command, params (string Name, string Value)[] parameters) =>
        Flat((await Ok(command, parameters)).Json);

    /// <summary><c>crm_param_N</c> / <c>crm_param_N_value</c> pairs, N from 1.</summary>
    public static (string Name, string Value)[] Pairs(params (string Field, string Value)[] pairs) =>
        pairs.SelectMany((p, i) => new[] { ($"crm_param_{i + 1}", p.Field), ($"crm_param_{i + 1}_value", p.Value) }).ToArray();

    public static void AssertOk(CrmResponse response, string what = "")
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{what}: {response}");
        Assert.Equal(JsonContentType, response.ContentType, ignoreCase: true);
        Assert.True(response.Success, $"{what}: {response}");
    }

    /// <summary>A success whose keys are exactly <c>success</c> then <paramref name="keys"/>; the non-list ones strings.</summary>
    public static void AssertSuccess(CrmResponse response, params string[] keys)
    {
        AssertOk(response);
        Assert.Equal(["success", .. keys], response.Keys);
        foreach (var key in keys.Where(k => response.Json.GetProperty(k).ValueKind != JsonValueKind.Array))
        {
            Assert.Equal(JsonValueKind.String, response.Json.GetProperty(key).ValueKind);
        }
    }

    public static string AssertId(CrmResponse response)
    {
        AssertSuccess(response, "id");
        var id = response["id"];
        Assert.True(long.TryParse(id, out var number) && number > 0, $"id '{id}'");
        return id;
    }

    /// <summary>An error answer: the status that goes with <paramref name="code"/>, JSON, and exactly the keys of an error.</summary>
    public static CrmResponse AssertError(CrmResponse response, string code)
    {
        var status = code switch
        {
            "bad_request" or "unknown_command" => HttpStatusCode.BadRequest,
            "unauthorized" => HttpStatusCode.Unauthorized,
            "forbidden" => HttpStatusCode.Forbidden,
            "not_found" => HttpStatusCode.NotFound,
            "precondition_failed" => HttpStatusCode.PreconditionFailed,
            "duplicate" or "conflict" => HttpStatusCode.Conflict,
            "too_many_requests" => HttpStatusCode.TooManyRequests,
            "unavailable" => HttpStatusCode.ServiceUnavailable,
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not an error code of this suite"),
        };
        Assert.True(response.Status == status && response.Code == code, $"expected {(int)status} {code}, got {response}");
        Assert.Equal(JsonContentType, response.ContentType, ignoreCase: true);
        Assert.False(response.Success);
        Assert.False(string.IsNullOrWhiteSpace(Details(response)));
        // A duplicate entry also names the entry holding the value; a duplicate table, field or dictionary value has no id to name.
        var namesHolder = code == "duplicate" && response.Keys.Contains("existingId");
        Assert.Equal(namesHolder ? ["success", "details", "code", "existingId"] : ["success", "details", "code"], response.Keys);
        return response;
    }

    public static Dictionary<string, string> AssertCompany(CrmResponse response)
    {
        AssertSuccess(response, ["id", .. CompanyFields]);
        return response.Json.EnumerateObject().Where(p => p.Name != "success").ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public static List<Dictionary<string, string>> AssertCompanies(CrmResponse response)
    {
        AssertSuccess(response, "companies");
        var items = new List<Dictionary<string, string>>();
        foreach (var item in response.Json.GetProperty("companies").EnumerateArray())
        {
            Assert.Equal(["id", "name", .. CompanyFields], item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
            items.Add(item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        }
        var ids = items.Select(i => long.Parse(i["id"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(items, i => Assert.Equal(i["org_name"], i["name"]));
        return items;
    }

    public static string Details(CrmResponse response) => response.Json.GetProperty("details").GetString()!;

    public static List<Dictionary<string, string>> Records(JsonElement array) =>
        array.EnumerateArray().Select(Flat).ToList();

    public static Dictionary<string, string> Flat(JsonElement item) =>
        item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
