using Azure.Data.Tables;
using Azure.Identity;
using Crm.Storage.Configuration;

namespace Crm.Storage.Tables;

/// <summary>The Azure tables the CRM uses, named with the configured prefix.</summary>
public sealed class CrmTableSet
{
    public CrmTableSet(TableStorageOptions options)
    {
        Service = CreateService(options);
        Entities = Service.GetTableClient(options.TablePrefix + "CrmEntities");
        Dictionaries = Service.GetTableClient(options.TablePrefix + "CrmDictionaries");
        Schema = Service.GetTableClient(options.TablePrefix + "CrmSchema");
        Access = Service.GetTableClient(options.TablePrefix + "CrmAccess");
        Leases = Service.GetTableClient(options.TablePrefix + "CrmLeases");
        Requests = Service.GetTableClient(options.TablePrefix + "CrmRequests");
    }

    public TableServiceClient Service { get; }
    public TableClient Entities { get; }
    public TableClient Dictionaries { get; }
    public TableClient Schema { get; }
    public TableClient Access { get; }
    public TableClient Leases { get; }

    /// <summary>Idempotency-Key records (see <see cref="Idempotency.IdempotencyStore"/>).</summary>
    public TableClient Requests { get; }

    public IEnumerable<TableClient> All => [Entities, Dictionaries, Schema, Access, Leases, Requests];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(All.Select(t => t.CreateIfNotExistsAsync(cancellationToken)));
    }

    private static TableServiceClient CreateService(TableStorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        // Azurite answers some bad keys with 500; the default retries would stall a request for seconds.
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }
        if (!string.IsNullOrWhiteSpace(options.TableEndpoint))
        {
            return new TableServiceClient(new Uri(options.TableEndpoint), new DefaultAzureCredential(), clientOptions);
        }
        throw new InvalidOperationException(
            $"Set {TableStorageOptions.SectionName}:ConnectionString (Azurite) or {TableStorageOptions.SectionName}:TableEndpoint (Azure).");
    }
}
