using Azure.Core;
using Azure.Data.Tables;
using Crm.Storage.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.TestSupport;

/// <summary>
/// Table clients for tests. Retries are short here only: Azurite answers some bad keys with 500, and the SDK's
/// production backoff (which the app keeps) would stall such a test for seconds.
/// </summary>
public static class StorageClients
{
    public static void ShortRetries(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>Shortens the retries of the clients the app registers through AddAzureClients.</summary>
    public static IServiceCollection UseShortStorageRetries(this IServiceCollection services)
    {
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => ShortRetries(options.Retry)));
        return services;
    }

    /// <summary>The CRM's tables under <paramref name="prefix"/>, on Azurite unless another connection string is given.</summary>
    public static CrmTableSet Tables(string prefix, string? connectionString = null)
    {
        var options = new TableClientOptions();
        ShortRetries(options.Retry);
        return new CrmTableSet(new TableServiceClient(connectionString ?? Azurite.ConnectionString, options), prefix);
    }
}
