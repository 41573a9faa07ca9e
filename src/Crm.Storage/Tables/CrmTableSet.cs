using Azure.Data.Tables;

namespace Crm.Storage.Tables;

/// <summary>The Azure tables the CRM uses, named with the configured prefix, on the table service client the host registers.</summary>
public sealed class CrmTableSet
{
    public CrmTableSet(TableServiceClient service, string tablePrefix)
    {
        Service = service;
        Entities = Service.GetTableClient(tablePrefix + "CrmEntities");
        Dictionaries = Service.GetTableClient(tablePrefix + "CrmDictionaries");
        Schema = Service.GetTableClient(tablePrefix + "CrmSchema");
        Access = Service.GetTableClient(tablePrefix + "CrmAccess");
        Leases = Service.GetTableClient(tablePrefix + "CrmLeases");
        Requests = Service.GetTableClient(tablePrefix + "CrmRequests");
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
}
