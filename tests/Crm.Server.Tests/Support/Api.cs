using System.Net;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

/// <summary>Short calls for tests: <c>Ok</c> asserts a success, <c>Fails</c> asserts the error code and status of spec §3.</summary>
public sealed class Api(CrmClient client)
{
    public CrmClient Client => client;

    public Task<CrmResponse> Call(string command, params (string Name, string Value)[] parameters) =>
        client.GetAsync([("command", command), .. parameters]);

    public async Task<CrmResponse> Ok(string command, params (string Name, string Value)[] parameters)
    {
        var response = await Call(command, parameters);
        Assert.True(response.Status == HttpStatusCode.OK && response.Success, $"{command}: {response}");
        return response;
    }

    public async Task<CrmResponse> Fails(string code, string command, params (string Name, string Value)[] parameters)
    {
        var response = await Call(command, parameters);
        AssertError(response, code);
        return response;
    }

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

    public static void AssertError(CrmResponse response, string code)
    {
        var status = code switch
        {
            "bad_request" or "unknown_command" => HttpStatusCode.BadRequest,
            "unauthorized" => HttpStatusCode.Unauthorized,
            "forbidden" => HttpStatusCode.Forbidden,
            "not_found" => HttpStatusCode.NotFound,
            "duplicate" or "conflict" => HttpStatusCode.Conflict,
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not an error code of this suite"),
        };
        Assert.True(response.Status == status && response.Code == code, $"expected {(int)status} {code}, got {response}");
        Assert.False(response.Success);
        Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("details").GetString()));
    }

    public static string Details(CrmResponse response) => response.Json.GetProperty("details").GetString()!;

    public static List<Dictionary<string, string>> Records(JsonElement array) =>
        array.EnumerateArray().Select(Flat).ToList();

    public static Dictionary<string, string> Flat(JsonElement item) =>
        item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
