using Crm.Server.Tests.Support;
using System.Diagnostics;
using System.Net;
using Crm.Core.Sync;
using Crm.Storage.Diagnostics;
using Crm.TestSupport;
using Crm.TestSupport.Jira;

namespace Crm.Server.Tests.Telemetry;

/// <summary>
/// Spec §2 for telemetry: what the server exports to Application Insights (requests, dependencies, metrics, logs)
/// carries the command and the error code but never the API key, whether it came in the query string, a form body
/// or a header, and whether the call succeeded or failed.
/// </summary>
public sealed class KeyRedactionTelemetryTests
{
    private const string WrongKey = "wrong-key-7f3a9c2e51";

    [Fact]
    public async Task Exported_telemetry_has_commands_and_error_codes_but_no_key()
    {
        var capture = new TelemetryCapture();
        var key = CrmTestServer.ApiKey;
        var port = 0;
        await using var jira = new JiraStandIn(JiraEdition.Cloud);
        jira.SetUsers(JiraUser.Many(3));
        var settings = jira.Settings();
        settings["Logging:LogLevel:Default"] = "Debug";
        await using (var server = new CrmTestServer(settings, capture.AddTo))
        {
            var client = server.Client;
            port = server.BaseAddress.Port;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(("command", "gettables"))).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(("command", "addcompany"), ("clients-org_name", "Telemetry Co"))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(("command", "getcompanybyname"), ("companyId", "not-a-number"))).Status);
            var wrongInQuery = await client.SendAsync(HttpMethod.Get, [("apiKey", WrongKey), ("userName", "admin"), ("command", "getcompanies")], withCredentials: false);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongInQuery.Status);
            using var headers = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?command=getcompanies");
            headers.Headers.Add("X-Api-Key", key);
            headers.Headers.Add("X-Crm-User", "admin");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(headers)).Status);
            using var wrongHeader = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?command=getcompanies");
            wrongHeader.Headers.Add("X-Api-Key", WrongKey);
            wrongHeader.Headers.Add("X-Crm-User", "admin");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongHeader)).Status);
            var sync = await client.GetAsync(("command", "sync"));
            Assert.Equal(HttpStatusCode.OK, sync.Status);
            // sync only queues the run: wait for it, so that its Jira calls are in the capture.
            Assert.Equal("completed", (await SyncRuns.WaitForEndAsync(server, sync["runId"]))["status"]);
            TelemetryCapture.Flush(server.Services);
        }

        // ActivitySources are process-wide: servers of tests running in parallel are captured too (and checked below).
        var requests = capture.Activities.Where(a => a.Kind == ActivityKind.Server && a.GetTagItem("server.port") as int? == port
            && a.GetTagItem("crm.command") as string != "syncstatus").ToList();
        Assert.Equal(7, requests.Count);
        Assert.Equal(["gettables", "addcompany", "getcompanybyname", "getcompanies", "getcompanies", "getcompanies", "sync"],
            requests.Select(r => r.GetTagItem("crm.command") as string));
        Assert.Equal([null, null, "bad_request", "unauthorized", null, "unauthorized", null], requests.Select(r => r.GetTagItem("crm.error_code") as string));
        Assert.Contains("apiKey=***", requests[0].GetTagItem("url.query") as string, StringComparison.Ordinal);
        Assert.Contains("command=gettables", requests[0].GetTagItem("url.query") as string, StringComparison.Ordinal);
        Assert.Contains(capture.Activities, a => a.Kind == ActivityKind.Client && a.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.Contains(capture.Activities, a => a.Kind == ActivityKind.Client
            && (a.GetTagItem("url.full") as string ?? "").StartsWith(jira.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal));
        Assert.Contains(capture.Metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(capture.Metrics, m => m.Name == StorageMetrics.QueriesInstrument);
        Assert.Contains(capture.Metrics, m => m.Name == StorageMetrics.RowsReadInstrument);
        Assert.Contains(capture.Logs, l => (l.FormattedMessage ?? "").Contains("apiKey=***", StringComparison.Ordinal));

        var texts = capture.AllTexts().ToList();
        var jiraBasic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{JiraStandIn.Email}:{JiraStandIn.Token}"));
        foreach (var secret in new[] { key, WrongKey, JiraStandIn.Token, jiraBasic })
        {
            var leaks = texts.Where(t => t.Text.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"the key appears in {leaks.Count} of {texts.Count} telemetry texts, e.g. {leaks.FirstOrDefault()}");
        }
    }
}
