using System.Diagnostics;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Sync;
using Crm.TestSupport.Jira;

namespace Crm.Core.Tests.Sync;

public sealed class SyncFailureTests
{
    [Theory]
    [InlineData("500")]
    [InlineData("timeout")]
    public async Task A_directory_failing_mid_run_writes_nothing_and_the_next_run_completes_without_duplicates(string failure)
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(100));
        var settings = jira.Settings(groups: "jira-software-users");
        settings["Crm:Sync:Jira:RequestTimeout"] = "00:00:00.300";
        await using var crm = new SyncHarness(settings);
        Assert.Equal(100, (await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None)).Import.Created);

        // 250 users now, and user0001 (on the first page, which still answers) renamed.
        jira.SetUsers(JiraUser.Many(250));
        jira.Change("user0001", u => u with { DisplayName = "Renamed Person" });
        JiraFault fault = failure == "500" ? new JiraFault.Status(500) : new JiraFault.Delay(TimeSpan.FromSeconds(10));
        jira.PlanFault(fault, skip: 1, count: 3); // the second page, and both retries of it
        var before = await crm.RowVersionsAsync(DefaultSchema.Contacts);

        var error = await Assert.ThrowsAsync<CrmException>(() => crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None));

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.Contains(failure == "500" ? "answered HTTP 500" : "did not answer", error.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", error.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("/rest/", error.Details, StringComparison.Ordinal);
        Assert.Equal(before, await crm.RowVersionsAsync(DefaultSchema.Contacts));
        Assert.Equal("User user 0001", (await crm.ContactsAsync()).Single(c => c.Login == "user0001").Name);

        var next = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(new ImportCounts(150, 1, 0, 99), next.Import);
        var contacts = await crm.ContactsAsync();
        Assert.Equal(250, contacts.Count);
        Assert.Equal(250, contacts.Select(c => c.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("Renamed Person", contacts.Single(c => c.Login == "user0001").Name);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_its_Retry_After_header_asks_for()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(10));
        jira.PlanFault(new JiraFault.Status(429, RetryAfterSeconds: 1));
        var settings = jira.Settings();
        // Without the header the retry would come after ~10 ms.
        settings["Crm:Sync:Jira:RetryDelay"] = "00:00:00.010";
        await using var crm = new SyncHarness(settings);

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(10, report.Import.Created);
        var requests = jira.Requests.OrderBy(r => r.Number).ToList();
        Assert.Equal([429, 200, 200], requests.Select(r => r.Status));
        Assert.Equal(requests[0].PathAndQuery, requests[1].PathAndQuery);
        Assert.True(Stopwatch.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp) >= TimeSpan.FromSeconds(1),
            "the retry came before the second Retry-After asked for");
    }

    [Fact]
    public async Task A_transient_500_is_retried_and_the_run_completes()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(120));
        jira.PlanFault(new JiraFault.Status(503), skip: 1, count: 2);
        await using var crm = new SyncHarness(jira.Settings(groups: "jira-software-users"));

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(120, report.Import.Created);
        Assert.Equal([200, 503, 503, 200, 200], jira.Requests.OrderBy(r => r.Number).Select(r => r.Status));
    }

    [Fact]
    public async Task Refused_credentials_fail_the_run_without_retrying()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(3));
        var settings = jira.Settings();
        settings["Crm:Sync:Jira:Token"] = "wrong";
        await using var crm = new SyncHarness(settings);

        var error = await Assert.ThrowsAsync<CrmException>(() => crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None));

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.Contains("refused the credentials", error.Details, StringComparison.Ordinal);
        Assert.Single(jira.Requests);
        Assert.Empty(await crm.ContactsAsync());
    }
}
