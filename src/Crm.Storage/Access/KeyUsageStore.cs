using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Access;

/// <summary>
/// When each API key was last used, in the <c>CrmAccess</c> table's partition <c>keyuse</c> (apart from users and
/// grants, which are read whole): one row per key, keyed by the key's id, never holding the key's value.
/// </summary>
public sealed class KeyUsageStore(CrmTableSet tables)
{
    private const string Partition = "keyuse";
    private readonly TableClient _table = tables.Access;

    public async Task RecordAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new UsageRow { RowKey = KeyEscaper.Escape(keyId), KeyId = keyId, LastUsed = usedAt }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Last use by key id.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LoadAsync(CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<UsageRow>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            usage[row.KeyId] = row.LastUsed;
        }
        return usage;
    }

    private sealed class UsageRow : ITableEntity
    {
        public string PartitionKey { get; set; } = Partition;
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string KeyId { get; set; } = "";
        public DateTimeOffset LastUsed { get; set; }
    }
}
