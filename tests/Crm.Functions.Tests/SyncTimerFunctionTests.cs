using System.Reflection;
using Crm.Core.Schema;
using Crm.Core.Sync;
using Crm.Storage.Entries;
using Crm.TestSupport;
using Crm.TestSupport.Jira;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions.Tests;

public sealed class SyncTimerFunctionTests
{
    [Fact]
    public void The_timer_reads_its_schedule_from_a_flat_app_setting_and_does_not_run_on_startup()
    {
        var parameter = typeof(SyncTimerFunction).GetMethod(nameof(SyncTimerFunction.Run))!.GetParameters()[0];
        var trigger = parameter.GetCustomAttribute<TimerTriggerAttribute>()!;

        // The host resolves %name% from app settings; ':' is a hierarchy separator only on Windows, and Flex runs Linux.
        Assert.Equal("%CrmSyncSchedule%", trigger.Schedule);
        Assert.DoesNotContain(':', trigger.Schedule);
        Assert.DoesNotContain("__", trigger.Schedule, StringComparison.Ordinal);
        Assert.False(trigger.RunOnStartup);
        Assert.Equal("0 0 * * * *", new SyncOptions().Schedule);
    }

    [Fact]
    public async Task The_timer_function_imports_the_directory()
    {
        await using var jira = new JiraStandIn(JiraEdition.DataCenter);
        jira.SetUsers(JiraUser.Many(12));
        using var host = BuildHost(jira.Settings());
        var function = ActivatorUtilities.CreateInstance<SyncTimerFunction>(host.Services);

        await function.Run(new TimerInfo(), CancellationToken.None);

        Assert.Equal(12, await CountContactsAsync(host));
    }

    [Fact]
    public async Task The_timer_while_a_command_run_holds_the_lease_leaves_the_work_to_it()
    {
        await using var jira = new JiraStandIn(JiraEdition.Cloud);
        jira.SetUsers(JiraUser.Many(8));
        using var host = BuildHost(jira.Settings());
        var job = host.Services.GetRequiredService<SyncJob>();
        var function = ActivatorUtilities.CreateInstance<SyncTimerFunction>(host.Services);
        jira.Hold();

        var command = Task.Run(() => job.RunAsync(SyncTriggers.Command, CancellationToken.None));
        await jira.WaitForRequestsAsync(1);
        await function.Run(new TimerInfo(), CancellationToken.None);
        Assert.False(command.IsCompleted); // the timer returned while the command's run still waits on Jira
        jira.Release();
        var report = await command;

        Assert.Equal(SyncStatus.Completed, report.Status);
        Assert.Equal(8, report.Import.Created);
        Assert.Equal(2, jira.Requests.Count); // the held run's page and its empty page; none from the timer
        Assert.Equal(8, await CountContactsAsync(host));
    }

    private static IHost BuildHost(IDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Crm:Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Crm:Storage:TablePrefix"] = Azurite.NewTablePrefix(),
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
