using System.Net;
using Crm.TestSupport;

namespace Crm.Server.Tests.Telemetry;

/// <summary>
/// With <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set, the app sends its own requests and dependencies through the
/// Azure Monitor exporter, over the real wire protocol to a stand-in ingestion endpoint, and the key is in none of
/// it. (Without the setting no exporter is registered: the exporter refuses to start without a connection string,
/// and every other server test runs without one.)
/// </summary>
public sealed class AzureMonitorExportTests
{
    private const string WrongKey = "wrong-key-0b9d2f7c33";

    [Fact]
    public async Task The_exporter_sends_requests_with_command_and_error_code_and_without_the_key()
    {
        await using var ingestion = await FakeApplicationInsights.StartAsync();
        var url = "";
        await using (var server = new CrmTestServer(new Dictionary<string, string?> { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString }))
        {
            url = server.BaseAddress.ToString().TrimEnd('/') + "/plugins/servlet/crm/api";
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(("command", "gettables"))).Status);
            var refused = await server.Client.SendAsync(HttpMethod.Get, [("apiKey", WrongKey), ("userName", "admin"), ("command", "getcompanies")], withCredentials: false);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        }
        // Disposing the host flushed the exporters.

        var items = ingestion.Items;
        // ActivitySources are process-wide: requests to servers of tests running in parallel are exported too.
        var requests = items.Where(i => i.Contains("\"RequestData\"", StringComparison.Ordinal) && i.Contains(url, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests, r => r.Contains("\"crm.command\":\"gettables\"", StringComparison.Ordinal) && r.Contains("apiKey=***", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Contains("\"crm.error_code\":\"unauthorized\"", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("\"RemoteDependencyData\"", StringComparison.Ordinal));
        foreach (var secret in new[] { CrmTestServer.ApiKey, WrongKey })
        {
            Assert.DoesNotContain(items, i => i.Contains(secret, StringComparison.Ordinal));
        }
    }
}
