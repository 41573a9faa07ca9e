using System.Net;
using Crm.Server;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using Crm.TestSupport.Jira;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Server.Tests;

public sealed class SyncCommandTests
{
    [Fact]
    public async Task Sync_answers_queued_at_once_and_syncstatus_reports_the_finished_run_with_counts_as_strings()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud with { SearchPageCap = 10 });
        jira.SetUsers(JiraUser.Many(25));
        await using var server = new CrmTestServer(jira.Settings());
        jira.Hold(); // the run cannot finish before the answer: the answer does not wait for it

        var queued = await server.Client.GetAsync(("command", "sync"));
        jira.Release();
        var finished = await SyncRuns.WaitForEndAsync(server, queued["runId"]);

        Assert.Equal(HttpStatusCode.OK, queued.Status);
        Assert.Equal(["success", "status", "runId"], queued.Keys);
        Assert.True(queued["status"] is "queued" or "running", queued.ToString());
        Assert.Equal(("completed", queued["runId"], "command"), (finished["status"], finished["runId"], finished["trigger"]));
        Assert.Equal(("25", "0", "0", "0", "25", "true"), (finished["created"], finished["updated"], finished["deactivated"], finished["unchanged"], finished["listed"], finished["directoryComplete"]));
        Assert.True(DateTimeOffset.Parse(finished["endedAt"], System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(finished["startedAt"], System.Globalization.CultureInfo.InvariantCulture));
        var contact = await server.Client.GetAsync(("command", "getcontactbyname"), ("contactName", "User user 0007"));
        Assert.Equal(("user0007", "user0007@example.com", "true"), (contact["contact_login"], contact["contact_email"], contact["contact_active"]));

        var second = await SyncRuns.WaitForEndAsync(server, (await server.Client.PostAsync(("command", "SYNC")))["runId"]);
        Assert.Equal(("completed", "0", "25"), (second["status"], second["created"], second["unchanged"]));
    }

    [Fact]
    public async Task Two_sync_calls_at_once_get_the_same_run_and_one_run_reads_Jira()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(15));
        await using var server = new CrmTestServer(jira.Settings(groups: "jira-software-users"));
        jira.Hold();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.Client.GetAsync(("command", "sync"))));
        await jira.WaitForRequestsAsync(1);
        var whileRunning = await server.Client.GetAsync(("command", "sync"));
        jira.Release();
        var finished = await SyncRuns.WaitForEndAsync(server, answers[0]["runId"]);

        Assert.Single(answers.Append(whileRunning).Select(a => a["runId"]).Distinct());
        Assert.Equal("running", whileRunning["status"]);
        Assert.Contains("already queued or running", whileRunning["details"], StringComparison.Ordinal);
        Assert.Equal(("completed", "15"), (finished["status"], finished["created"]));
        Assert.Single(jira.Requests);
    }

    [Fact]
    public async Task Syncstatus_before_any_run_answers_none()
    {
        await using var server = new CrmTestServer();

        var status = await server.Client.GetAsync(("command", "syncstatus"));

        Assert.Equal((HttpStatusCode.OK, "none"), (status.Status, status["status"]));
    }

    [Fact]
    public async Task Sync_without_a_directory_completes_with_the_reason()
    {
        await using var server = new CrmTestServer();

        var finished = await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"]);

        Assert.Equal("completed", finished["status"]);
        Assert.Contains("Crm:Sync:Jira:BaseUrl", finished["details"], StringComparison.Ordinal);
        Assert.Equal(("0", "0", "0"), (finished["created"], finished["danglingCleared"], finished["reindexed"]));
    }

    [Fact]
    public async Task A_failing_directory_fails_the_run_and_syncstatus_carries_no_internals()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(3));
        jira.PlanFault(new JiraFault.Status(500), count: 3);
        await using var server = new CrmTestServer(jira.Settings());

        var failed = await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"]);

        Assert.Equal("failed", failed["status"]);
        Assert.Contains("nothing was changed: Jira answered HTTP 500.", failed["details"], StringComparison.Ordinal);
        Assert.Contains("trace id", failed["details"], StringComparison.Ordinal);
        Assert.DoesNotContain(jira.BaseUrl.Authority, failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/rest/api", failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failed.Body, StringComparison.Ordinal);
        Assert.Equal("completed", (await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"]))["status"]);
    }

    [Fact]
    public async Task A_held_run_is_released_by_an_admin_confirming_the_reported_count()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(10));
        await using var server = new CrmTestServer(jira.Settings());
        await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"]);
        jira.CanBrowseUsers = false;

        var held = await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"]);
        var badCount = await server.Client.GetAsync(("command", "sync"), ("confirmDeactivation", "ten"));
        var released = await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync"), ("confirmDeactivation", held["pendingDeactivation"])))["runId"]);

        Assert.Equal(("held", "10", "10", "0"), (held["status"], held["pendingDeactivation"], held["activeSynced"], held["deactivated"]));
        Assert.Contains("confirmDeactivation=10", held["details"], StringComparison.Ordinal);
        Assert.Equal(("bad_request", HttpStatusCode.BadRequest), (badCount.Code, badCount.Status));
        Assert.Equal(("completed", "10"), (released["status"], released["deactivated"]));
    }

    [Fact]
    public async Task Confirming_deactivations_takes_the_admin_right()
    {
        await using var server = new CrmTestServer();
        await server.Client.GetAsync(("command", "setuser"), ("login", "syncer"));
        await server.Client.GetAsync(("command", "grant"), ("login", "syncer"), ("right", "sync.run"));

        var plain = await AsAsync(server, "syncer", ("command", "sync"));
        var confirming = await AsAsync(server, "syncer", ("command", "sync"), ("confirmDeactivation", "3"));

        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Equal(("forbidden", HttpStatusCode.Forbidden), (confirming.Code, confirming.Status));
    }

    [Fact]
    public async Task The_server_queues_the_sync_on_its_schedule_and_not_at_startup()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 59, 50, TimeSpan.Zero));
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(6));
        var settings = jira.Settings();
        settings["Crm:Sync:Schedule"] = "0 0 * * * *";
        // The Jira client's timeouts run on the same fake clock: keep them out of the advances below.
        settings["Crm:Sync:Jira:RequestTimeout"] = "00:30:00";
        await using var server = new CrmTestServer(settings, builder => builder.Services.AddSingleton<TimeProvider>(clock));

        await Task.Delay(200);
        Assert.Equal("none", (await server.Client.GetAsync(("command", "syncstatus")))["status"]); // no run at startup
        for (var second = 0; second < 30 && jira.Requests.Count == 0; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        await jira.WaitForRequestsAsync(2);
        var latest = await server.Client.GetAsync(("command", "syncstatus"));
        var finished = await SyncRuns.WaitForEndAsync(server, latest["runId"]);

        Assert.Equal(("completed", "timer", "6"), (finished["status"], finished["trigger"], finished["created"]));
        Assert.NotNull(await server.Services.GetRequiredService<SyncScheduleService>().RunOnceAsync(CancellationToken.None));
    }

    private static async Task<CrmResponse> AsAsync(CrmTestServer server, string user, params (string Name, string Value)[] parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + CrmClient.Query(parameters));
        request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
        request.Headers.Add("X-Crm-User", user);
        return await server.Client.SendAsync(request);
    }
}
