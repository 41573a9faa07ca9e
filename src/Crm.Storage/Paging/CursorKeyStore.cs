using System.Security.Cryptography;
using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Storage.Paging;

/// <summary>
/// The secret that signs paging cursors, one per storage account: every instance of the app reads the same row, so a
/// cursor issued by one is accepted by another, and no setting has to be deployed. Created by whichever instance
/// needs it first (an insert: of two racing instances one wins and the other reads its key).
/// </summary>
public sealed class CursorKeyStore(CrmTableSet tables)
{
    private const string Partition = "key";
    private const string Row = "cursor";
    private const string KeyProperty = "Key";
    private const int KeyBytes = 32;

    private readonly TableClient _table = tables.Leases;

    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value?.GetBinary(KeyProperty) is { Length: KeyBytes } key)
            {
                return key;
            }
            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            try
            {
                await _table.AddEntityAsync(new TableEntity(Partition, Row) { [KeyProperty] = fresh }, cancellationToken);
                return fresh;
            }
            catch (Azure.RequestFailedException taken) when (taken.IsAlreadyExists())
            {
                // Another instance created it a moment ago: read theirs.
            }
        }
        throw new InvalidOperationException("The cursor key row exists but holds no key.");
    }
}
