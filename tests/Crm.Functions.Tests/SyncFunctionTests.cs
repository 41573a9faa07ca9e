using System.Reflection;
using Crm.Core.Schema;
using Crm.Core.Sync;
using Crm.Storage.Entries;
using Crm.Storage.SyncRuns;
using Crm.TestSupport;
using Crm.TestSupport.Jira;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions.Tests;

public sealed class SyncFunctionTests
{
    [Fact]
    public void The_timer_reads_its_schedule_from_a_flat_app_setting_and_does_not_run_on_startup()
    {
        var parameter = typeof(SyncTimerFunction).GetMethod(nameof(SyncTimerFunction.Run))!.GetParameters()[0];
        var trigger = parameter.GetCustomAttribute<TimerTriggerAttribute>()!;

        // The host resolves %name% from app settings; ':' is a hierarchy separator only on Windows, and Flex runs Linux.
        Assert.Equal("%CrmSyncSchedule%", trigger.Schedule);
        Assert.False(trigger.RunOnStartup);
        Assert.Equal("0 0 * * * *", new SyncOptions().Schedule);
    }

    [Fact]
    public void The_queue_trigger_listens_on_the_default_queue_through_an_identity_based_connection_prefix()
    {
        var parameter = typeof(SyncQueueFunction).GetMethod(nameof(SyncQueueFunction.Run))!.GetParameters()[0];
        var trigger = parameter.GetCustomAttribute<QueueTriggerAttribute>()!;

        Assert.Equal("crm-sync", trigger.QueueName);
        Assert.DoesNotContain(':', trigger.QueueName);
        Assert.Equal("CrmSyncQueue", trigger.Connection);
        Assert.Equal("crm-sync", new SyncOptions().QueueName);
    }

    [Fact]
    public async Task The_timer_queues_a_run_and_the_queue_function_carries_it_out()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(12));
        using var host = BuildHost(jira.Settings());
        var timer = ActivatorUtilities.CreateInstance<SyncTimerFunction>(host.Services);
        var worker = ActivatorUtilities.CreateInstance<SyncQueueFunction>(host.Services);

        await timer.Run(new TimerInfo(), CancellationToken.None);
        await timer.Run(new TimerInfo(), CancellationToken.None); // the first is still queued: no second run
        Assert.Empty(jira.Requests);
        var message = await host.Services.GetRequiredService<RunQueueClient>().ReceiveAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Null(await host.Services.GetRequiredService<RunQueueClient>().ReceiveAsync(TimeSpan.FromMinutes(1), CancellationToken.None));
        await worker.Run(message!.Body, CancellationToken.None);

        Assert.Equal(12, await CountContactsAsync(host));
        var run = await host.Services.GetRequiredService<SyncRunStore>().GetLatestAsync(CancellationToken.None);
        Assert.Equal((SyncRunStatuses.Completed, SyncTriggers.Timer, 12), (run!.Status, run.Trigger, run.Created));
    }

    [Fact]
    public async Task A_run_deferred_by_another_holder_of_the_lease_fails_the_invocation_so_the_host_retries_it()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(8));
        using var host = BuildHost(jira.Settings());
        var worker = ActivatorUtilities.CreateInstance<SyncQueueFunction>(host.Services);
        var (run, _) = await host.Services.GetRequiredService<SyncRequests>().RequestAsync(SyncTriggers.Command, null, CancellationToken.None);
        var message = new SyncRunMessage(run.RunId).ToJson();
        jira.Hold();
        var other = Task.Run(() => host.Services.GetRequiredService<SyncJob>().RunAsync("another instance", CancellationToken.None));
        await jira.WaitForRequestsAsync(1);

        await Assert.ThrowsAsync<SyncRunDeferredException>(() => worker.Run(message, CancellationToken.None));
        jira.Release();
        await other;
        Assert.Equal(SyncRunStatuses.Queued, (await host.Services.GetRequiredService<SyncRunStore>().GetAsync(run.RunId, CancellationToken.None))!.Status);
        await worker.Run(message, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Completed, (await host.Services.GetRequiredService<SyncRunStore>().GetAsync(run.RunId, CancellationToken.None))!.Status);
    }

    private static IHost BuildHost(IDictionary<string, string?> settings)
    {
        var prefix = Azurite.NewTablePrefix();
        var configuration = new Dictionary<string, string?>
        {
            ["Crm:Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Crm:Storage:TablePrefix"] = prefix,
            ["Crm:Sync:QueueName"] = Azurite.QueueNameFor(prefix),
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        return CrmFunctionsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.UseShortStorageRetries();
        });
    }

    private static async Task<int> CountContactsAsync(IHost host)
    {
        var count = 0;
        await foreach (var page in host.Services.GetRequiredService<EntryStore>().ListAsync(DefaultSchema.Contacts, CancellationToken.None))
        {
            count += page.Count;
        }
        return count;
    }
}
