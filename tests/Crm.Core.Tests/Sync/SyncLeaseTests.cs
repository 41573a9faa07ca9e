using Crm.Core.Startup;
using Crm.Core.Sync;
using Crm.TestSupport.Jira;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Core.Tests.Sync;

public sealed class SyncLeaseTests
{
    [Fact]
    public async Task Of_two_runs_started_together_one_runs_and_the_other_reports_running()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(20));
        await using var crm = new SyncHarness(jira.Settings());
        jira.Hold();

        var command = Task.Run(() => crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None));
        await jira.WaitForRequestsAsync(1);
        var timer = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);
        jira.Release();
        var finished = await command;

        Assert.Equal(SyncStatus.Running, timer.Status);
        Assert.Contains("command", timer.Details, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Completed, finished.Status);
        Assert.Equal(20, finished.Import.Created);
        Assert.Equal(2, jira.Requests.Count); // the missing group jira-users and one page of jira-software-users: the timer run never called Jira
        Assert.Equal(SyncStatus.Completed, (await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_run_is_taken_over_after_its_expiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(5));
        var settings = jira.Settings();
        settings["Crm:Sync:LeaseSeconds"] = "120";
        await using var crm = new SyncHarness(settings, clock);
        await crm.Get<CrmStartup>().EnsureReadyAsync(CancellationToken.None);
        Assert.NotNull(await crm.Leases.TryAcquireAsync(SyncJob.LeaseName, "timer on a crashed instance", TimeSpan.FromSeconds(120), CancellationToken.None));

        var blocked = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(119));
        var stillBlocked = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var proceeded = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(SyncStatus.Running, blocked.Status);
        Assert.Contains("crashed instance", blocked.Details, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Running, stillBlocked.Status);
        Assert.Equal(SyncStatus.Completed, proceeded.Status);
        Assert.Equal(5, proceeded.Import.Created);
        Assert.Null(await crm.Leases.GetHolderAsync(SyncJob.LeaseName, CancellationToken.None)); // released at the end
    }

    [Fact]
    public async Task A_running_sync_renews_its_lease_so_it_outlives_the_first_expiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(5));
        var settings = jira.Settings();
        settings["Crm:Sync:LeaseSeconds"] = "90";
        // The Jira client's timeouts and backoff run on the same fake clock: keep them out of the advances below.
        settings["Crm:Sync:Jira:RequestTimeout"] = "00:30:00";
        await using var crm = new SyncHarness(settings, clock);
        jira.Hold();
        var running = Task.Run(() => crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None));
        await jira.WaitForRequestsAsync(1);
        var firstExpiry = (await crm.Leases.GetHolderAsync(SyncJob.LeaseName, CancellationToken.None))!.ExpiresAt;

        // Past a third of the lease: the run renews. Then past the first expiry: still held.
        clock.Advance(TimeSpan.FromSeconds(31));
        var renewed = await WaitForExpiryAfterAsync(crm, firstExpiry);
        clock.Advance(TimeSpan.FromSeconds(60));
        var second = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);
        jira.Release();
        var finished = await running;

        Assert.True(renewed > firstExpiry);
        Assert.Equal(SyncStatus.Running, second.Status);
        Assert.Equal(SyncStatus.Completed, finished.Status);
    }

    private static async Task<DateTimeOffset> WaitForExpiryAfterAsync(SyncHarness crm, DateTimeOffset expiry)
    {
        for (var i = 0; i < 300; i++)
        {
            var holder = await crm.Leases.GetHolderAsync(SyncJob.LeaseName, CancellationToken.None);
            if (holder is not null && holder.ExpiresAt > expiry)
            {
                return holder.ExpiresAt;
            }
            await Task.Delay(10);
        }
        return expiry;
    }
}
