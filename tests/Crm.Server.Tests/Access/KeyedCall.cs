using System.Net;
using System.Net.Http.Headers;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Access;

/// <summary>An answer with its headers (for the rate limit and caching headers).</summary>
internal sealed record KeyedAnswer(CrmResponse Response, HttpResponseHeaders Headers)
{
    public HttpStatusCode Status => Response.Status;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

/// <summary>Calls with a given key (header <c>X-Api-Key</c>) and optionally a user (<c>X-Crm-User</c>), keeping the answer's headers.</summary>
internal static class KeyedCall
{
    public static async Task<KeyedAnswer> SendAsync(HttpClient http, string key, string? user, params (string Name, string Value)[] parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + CrmClient.Query(parameters));
        request.Headers.Add("X-Api-Key", key);
        if (user is not null)
        {
            request.Headers.Add("X-Crm-User", user);
        }
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new KeyedAnswer(
            new CrmResponse(response.StatusCode, body, response.Content.Headers.ContentType?.ToString() ?? "", response.Headers.RetryAfter?.Delta),
            response.Headers);
    }

    /// <summary>Creates users with rights through a server of their own on <paramref name="tablePrefix"/>, so the server under test starts with them.</summary>
    public static async Task SeedUsersAsync(string tablePrefix, params (string Login, string Right)[] users)
    {
        await using var setup = new CrmTestServer(new Dictionary<string, string?> { ["Crm:Storage:TablePrefix"] = tablePrefix });
        var admin = new Api(setup.Client);
        foreach (var (login, right) in users)
        {
            await admin.Ok("setuser", ("login", login));
            await admin.Ok("grant", ("login", login), ("right", right));
        }
    }
}
