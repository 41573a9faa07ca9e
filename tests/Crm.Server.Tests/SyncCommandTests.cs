using System.Net;
using Crm.Core.Sync;
using Crm.Server;
using Crm.TestSupport;
using Crm.TestSupport.Jira;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Server.Tests;

public sealed class SyncCommandTests
{
    [Fact]
    public async Task Sync_imports_the_directory_and_answers_with_counts_as_strings()
    {
        await using var jira = new JiraStandIn(JiraEdition.Cloud, maxPageSize: 10);
        jira.SetUsers(JiraUser.Many(25));
        await using var server = new CrmTestServer(jira.Settings());

        var first = await server.Client.GetAsync(("command", "sync"));
        var second = await server.Client.PostAsync(("command", "SYNC"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True(first.Success);
        Assert.Equal(["success", "status", "created", "updated", "deactivated", "unchanged", "danglingCleared", "reindexed"], first.Keys);
        Assert.Equal(("completed", "25", "0", "0", "0"), (first["status"], first["created"], first["updated"], first["deactivated"], first["unchanged"]));
        Assert.Equal(("completed", "0", "25"), (second["status"], second["created"], second["unchanged"]));
        var contact = await server.Client.GetAsync(("command", "getcontactbyname"), ("contactName", "User user 0007"));
        Assert.Equal(("user0007", "user0007@example.com", "true"), (contact["contact_login"], contact["contact_email"], contact["contact_active"]));
    }

    [Fact]
    public async Task Sync_without_a_directory_is_skipped_with_the_reason()
    {
        await using var server = new CrmTestServer();

        var response = await server.Client.GetAsync(("command", "sync"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("skipped", response["status"]);
        Assert.Contains("Crm:Sync:Jira:BaseUrl", response["details"], StringComparison.Ordinal);
        Assert.Equal(("0", "0", "0"), (response["created"], response["danglingCleared"], response["reindexed"]));
    }

    [Fact]
    public async Task Sync_while_the_timer_run_holds_the_lease_answers_running()
    {
        await using var jira = new JiraStandIn(JiraEdition.DataCenter);
        jira.SetUsers(JiraUser.Many(15));
        await using var server = new CrmTestServer(jira.Settings());
        var schedule = server.Services.GetRequiredService<SyncScheduleService>();
        jira.Hold();

        var timer = Task.Run(() => schedule.RunOnceAsync(CancellationToken.None));
        await jira.WaitForRequestsAsync(1);
        var command = await server.Client.GetAsync(("command", "sync"));
        jira.Release();
        var timerReport = await timer;

        Assert.Equal(HttpStatusCode.OK, command.Status);
        Assert.Equal("running", command["status"]);
        Assert.Contains("timer", command["details"], StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Completed, timerReport!.Status);
        Assert.Equal(15, timerReport.Import.Created);
        Assert.Equal("0", (await server.Client.GetAsync(("command", "sync")))["created"]);
    }

    [Fact]
    public async Task A_failing_directory_makes_sync_answer_unavailable()
    {
        await using var jira = new JiraStandIn(JiraEdition.DataCenter);
        jira.SetUsers(JiraUser.Many(3));
        jira.PlanFault(new JiraFault.Status(500), count: 3);
        await using var server = new CrmTestServer(jira.Settings());

        var response = await server.Client.GetAsync(("command", "sync"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("unavailable", response.Code);
        Assert.Contains("nothing was changed", response["details"], StringComparison.Ordinal);
        Assert.Equal("3", (await server.Client.GetAsync(("command", "sync")))["created"]);
    }

    [Fact]
    public async Task The_server_runs_the_sync_on_its_schedule_and_not_at_startup()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 59, 50, TimeSpan.Zero));
        await using var jira = new JiraStandIn(JiraEdition.DataCenter);
        jira.SetUsers(JiraUser.Many(6));
        var settings = jira.Settings();
        settings["Crm:Sync:Schedule"] = "0 0 * * * *";
        // The Jira client's timeouts run on the same fake clock: keep them out of the advances below.
        settings["Crm:Sync:Jira:RequestTimeout"] = "00:30:00";
        await using var server = new CrmTestServer(settings, builder => builder.Services.AddSingleton<TimeProvider>(clock));

        await Task.Delay(200);
        Assert.Empty(jira.Requests); // no run at startup
        for (var second = 0; second < 30 && jira.Requests.Count == 0; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        await jira.WaitForRequestsAsync(2);

        var after = await server.Client.GetAsync(("command", "sync"));
        for (var i = 0; i < 100 && after["status"] == "running"; i++)
        {
            await Task.Delay(100); // the scheduled run is still writing
            after = await server.Client.GetAsync(("command", "sync"));
        }
        Assert.Equal(("completed", "0", "6"), (after["status"], after["created"], after["unchanged"]));
    }
}
