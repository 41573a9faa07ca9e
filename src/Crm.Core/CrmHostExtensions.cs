using Crm.Core.Access;
using Crm.Core.Dictionaries;
using Crm.Core.Endpoint;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Core.Startup;
using Crm.Core.Sync;
using Crm.Storage.Configuration;
using Crm.Storage.Diagnostics;
using Crm.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Core;

/// <summary>Registers the whole CRM: storage, then each feature folder's own registration; both hosts call this and nothing else.</summary>
public static class CrmServiceCollectionExtensions
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TableStorageOptions>(configuration.GetSection(TableStorageOptions.SectionName));
        services.Configure<KeyVaultOptions>(configuration.GetSection(KeyVaultOptions.SectionName));
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.SectionName));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CrmTableSet(sp.GetRequiredService<IOptions<TableStorageOptions>>().Value));
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton<IStartupTask, StorageStartup>();
        services.AddSingleton<CrmStartup>();

        services.AddCrmEntries();
        services.AddCrmSchema();
        services.AddCrmDictionaries();
        services.AddCrmAccess();
        services.AddCrmSync(configuration);
        services.AddCrmEndpoint();
        return services;
    }
}
