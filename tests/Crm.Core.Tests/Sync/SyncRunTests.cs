using Crm.Core.Sync;
using Crm.Storage.SyncRuns;
using Crm.TestSupport.Jira;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Sync;

/// <summary>Runs requested through the queue and carried out by the runner, as the queue trigger and Crm.Server's consumer do.</summary>
public sealed class SyncRunTests
{
    [Fact]
    public async Task Requests_made_at_once_share_one_queued_run_and_only_it_runs()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(60));
        await using var crm = new SyncHarness(jira.Settings(groups: "jira-software-users"));

        var requests = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None))));

        Assert.Single(requests, r => r.Queued);
        Assert.Single(requests.Select(r => r.Run.RunId).Distinct());
        Assert.Equal(SyncRunOutcome.Finished, await crm.ProcessNextQueuedAsync());
        Assert.Null(await crm.ProcessNextQueuedAsync()); // one message only
        var run = await crm.Runs.GetAsync(requests[0].Run.RunId, CancellationToken.None);
        Assert.Equal((SyncRunStatuses.Completed, 60, 1), (run!.Status, run.Created, run.Attempts));
        Assert.Equal(2, jira.Requests.Count); // two pages of one group: one run
        Assert.NotNull(run.StartedAt);
        Assert.True(run.EndedAt >= run.StartedAt);
    }

    [Fact]
    public async Task A_request_while_a_run_works_answers_that_run_and_one_after_it_queues_a_new_one()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(5));
        await using var crm = new SyncHarness(jira.Settings());
        var (first, _) = await crm.Requests.RequestAsync(SyncTriggers.Timer, null, CancellationToken.None);
        jira.Hold();
        var working = Task.Run(crm.ProcessNextQueuedAsync);
        await jira.WaitForRequestsAsync(1);

        var (during, queuedDuring) = await crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None);
        jira.Release();
        await working;
        var (after, queuedAfter) = await crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None);

        Assert.False(queuedDuring);
        Assert.Equal((first.RunId, SyncRunStatuses.Running), (during.RunId, during.Status));
        Assert.True(queuedAfter);
        Assert.NotEqual(first.RunId, after.RunId);
        Assert.Equal(after.RunId, (await crm.Runs.GetLatestAsync(CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task A_failed_run_records_a_summary_without_Jira_addresses_and_a_trace_id()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(5));
        jira.PlanFault(new JiraFault.Status(502), count: 3);
        await using var crm = new SyncHarness(jira.Settings());
        var (run, _) = await crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None);

        await crm.ProcessNextQueuedAsync();

        var failed = (await crm.Runs.GetAsync(run.RunId, CancellationToken.None))!;
        Assert.Equal(SyncRunStatuses.Failed, failed.Status);
        Assert.StartsWith("The user directory could not be read, so nothing was changed: Jira answered HTTP 502. (trace id ", failed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(jira.BaseUrl.Authority, failed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("rest/api", failed.Details, StringComparison.Ordinal);
        Assert.Null(await crm.Runs.GetCurrentAsync(CancellationToken.None)); // the next request can queue
    }

    [Fact]
    public async Task A_Key_Vault_failure_fails_the_run_without_the_vault_address_or_exception_text()
    {
        await using var vault = new KeyVaultStandIn { Failure = KeyVaultFailure.ServerError };
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        var settings = jira.Settings();
        settings["Crm:Sync:Jira:Token"] = null;
        settings["Crm:KeyVault:Uri"] = vault.VaultUri.ToString();
        await using var crm = new SyncHarness(settings, configure: services => services.AddSingleton(vault.CreateClient()));
        var (run, _) = await crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None);

        await crm.ProcessNextQueuedAsync();

        var failed = (await crm.Runs.GetAsync(run.RunId, CancellationToken.None))!;
        Assert.Equal(SyncRunStatuses.Failed, failed.Status);
        Assert.Contains("The Jira token could not be read from Key Vault.", failed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.VaultUri.Host, failed.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Status:", failed.Details, StringComparison.Ordinal);
        Assert.Empty(jira.Requests);
    }

    [Fact]
    public async Task A_held_run_records_its_numbers_and_a_confirmed_request_releases_them()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(12));
        await using var crm = new SyncHarness(jira.Settings());
        await crm.Requests.RequestAsync(SyncTriggers.Command, null, CancellationToken.None);
        await crm.ProcessNextQueuedAsync();
        jira.CanBrowseUsers = false;
        var (heldRun, _) = await crm.Requests.RequestAsync(SyncTriggers.Timer, null, CancellationToken.None);
        await crm.ProcessNextQueuedAsync();

        var held = (await crm.Runs.GetAsync(heldRun.RunId, CancellationToken.None))!;
        Assert.Equal((SyncRunStatuses.Held, 12, 12, 0), (held.Status, held.PendingDeactivation, held.ActiveSynced, held.Deactivated));

        var (confirmedRun, _) = await crm.Requests.RequestAsync(SyncTriggers.Command, 12, CancellationToken.None);
        await crm.ProcessNextQueuedAsync();

        var confirmed = (await crm.Runs.GetAsync(confirmedRun.RunId, CancellationToken.None))!;
        Assert.Equal((SyncRunStatuses.Completed, 12), (confirmed.Status, confirmed.Deactivated));
        Assert.All(await crm.ContactsAsync(), c => Assert.Equal("false", c.Active));
    }
}
