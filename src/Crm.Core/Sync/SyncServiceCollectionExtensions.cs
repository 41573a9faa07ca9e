using Crm.Core.Commands;
using Crm.Storage.KeyVault;
using Crm.Storage.Leases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Core.Sync;

/// <summary>Registers the synchronization (job, Jira client, lease, maintenance pass, handler of <see cref="SyncCommands"/>); called by AddCrm.</summary>
public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncOptions>(configuration.GetSection(SyncOptions.SectionName));
        services.Configure<JiraOptions>(configuration.GetSection(JiraOptions.SectionName));
        // Polly's per-attempt timeout governs; the client's own 100 s default would cut in first otherwise.
        services.AddHttpClient(JiraDirectoryClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        // Uses the SecretClient AddCrmAccess registers (tests may register their own before AddCrm).
        services.TryAddSingleton<LatestSecretReader>();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<JiraTokenProvider>();
        services.AddSingleton<JiraDirectoryClient>();
        services.AddSingleton<ContactImport>();
        services.AddSingleton<MaintenancePass>();
        services.AddSingleton<SyncJob>();
        return services.AddCommandHandlers(SyncCommands.All);
    }
}
