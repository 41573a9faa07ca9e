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
        // Every trace: with the exporter's default (5 a second, adapting from the start) either request may be left out.
        await using (var server = new CrmTestServer(AllTraces(ingestion)))
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

    [Fact]
    public async Task With_every_trace_asked_for_each_request_of_a_burst_is_exported()
    {
        await using var ingestion = await FakeApplicationInsights.StartAsync();
        var url = "";
        await using (var server = new CrmTestServer(AllTraces(ingestion)))
        {
            url = server.BaseAddress.ToString().TrimEnd('/') + "/plugins/servlet/crm/api";
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(("command", "gettables"))).Status);
            }
        }

        Assert.Equal(20, ingestion.Items.Count(i => i.Contains("\"RequestData\"", StringComparison.Ordinal) && i.Contains(url, StringComparison.Ordinal)));
    }

    /// <summary>The exporter's own default keeps 5 traces a second (docs/deploy.md, "Sampling"); these settings keep all.</summary>
    private static Dictionary<string, string?> AllTraces(FakeApplicationInsights ingestion) => new()
    {
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString,
        ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage",
        ["OTEL_TRACES_SAMPLER_ARG"] = "1.0",
    };
}
