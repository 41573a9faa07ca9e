using Azure.Data.Tables;
using Azure.Identity;
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
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.Core;

/// <summary>The one registration of the CRM, for both hosts: storage, then each feature folder's own registration.</summary>
public static class CrmHostExtensions
{
    /// <summary>Registers the whole CRM; the host stops at start when a setting it needs is missing or malformed.</summary>
    public static TBuilder AddCrm<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddCrm(builder.Configuration);
        return builder;
    }

    internal static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TableStorageOptions>().Bind(configuration.GetSection(TableStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStorageOptions>, TableStorageOptionsValidation>());
        services.Configure<KeyVaultOptions>(configuration.GetSection(KeyVaultOptions.SectionName));
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.SectionName));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<StorageMetrics>();
        AddTableStorage(services);
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

    /// <summary>The table service client with the SDK's retry defaults (tests shorten them through ConfigureDefaults), and the CRM's tables on it.</summary>
    private static void AddTableStorage(IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(_ => new DefaultAzureCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, provider) =>
            {
                var storage = provider.GetRequiredService<IOptions<TableStorageOptions>>().Value;
                return string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new TableServiceClient(new Uri(storage.TableEndpoint!), credential, clientOptions)
                    : new TableServiceClient(storage.ConnectionString, clientOptions);
            });
        });
        services.AddSingleton(sp => new CrmTableSet(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<TableStorageOptions>>().Value.TablePrefix));
    }

    private sealed class TableStorageOptionsValidation : IValidateOptions<TableStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, TableStorageOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
