using Crm.TestSupport;

namespace Crm.Server.Tests.Access;

/// <summary>Calls as a given user with the test key in the query string, the way integrations call.</summary>
internal static class CallsAs
{
    public static Task<CrmResponse> AsAsync(this CrmClient client, string login, params (string Name, string Value)[] parameters) =>
        client.SendAsync(HttpMethod.Get, [("apiKey", CrmTestServer.ApiKey), ("userName", login), .. parameters], withCredentials: false);

    public static async Task<CrmResponse> AdminAsync(this CrmClient client, params (string Name, string Value)[] parameters)
    {
        var response = await client.GetAsync(parameters);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"{string.Join('&', parameters.Select(p => p.Name + "=" + p.Value))} → {response}");
        return response;
    }
}
