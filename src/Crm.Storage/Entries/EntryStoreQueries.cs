using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Storage.Entries;

/// <summary>Reads: entries by id, whole listings, and index and claim lookups, each a range query inside the table's partition.</summary>
public sealed partial class EntryStore
{
    public async Task<StoredEntry?> GetAsync(string table, long id, CancellationToken cancellationToken)
    {
        var entity = await ReadEntityAsync(table, id, cancellationToken);
        return entity is null ? null : EntryRows.ToStoredEntry(entity);
    }

    /// <summary>Point-reads several entries in parallel; missing ones are left out. Keeps the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<StoredEntry>> GetManyAsync(string table, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var found = new StoredEntry?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await GetAsync(table, ids[i], ct));
        return found.OfType<StoredEntry>().ToList();
    }

    /// <summary>Every entry of the table in id order, a storage page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredEntry>> ListAsync(
        string table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryRangeAsync(table, RowKeys.EntryPrefix, cancellationToken))
        {
            yield return page.Select(EntryRows.ToStoredEntry).ToList();
        }
    }

    /// <summary>The ids of every entry of the table (keys only, no values).</summary>
    public async Task<HashSet<long>> ListIdsAsync(string table, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {table} and RowKey ge {RowKeys.EntryPrefix} and RowKey lt {KeyEscaper.UpperBound(RowKeys.EntryPrefix)}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            metrics.CountQuery();
            metrics.CountRows(page.Values.Count);
            foreach (var row in page.Values)
            {
                ids.Add(RowKeys.EntryId(row.RowKey));
            }
        }
        return ids;
    }

    /// <summary>The index rows of one field whose value equals (or, with <paramref name="prefix"/>, starts with) the given normalized value.</summary>
    public async IAsyncEnumerable<IndexHit> FindAsync(
        string table, string field, string normalizedValue, bool prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keyPrefix = prefix
            ? RowKeys.IndexStartsWithPrefix(field, normalizedValue)
            : RowKeys.IndexValuePrefix(field, normalizedValue);
        await foreach (var page in QueryRangeAsync(table, keyPrefix, cancellationToken))
        {
            foreach (var row in page)
            {
                var indexed = EntryRows.IndexedValue(row);
                // An exact match compares the stored value too: a long value's key ends in a hash, not the value.
                if (prefix ? !indexed.StartsWith(normalizedValue, StringComparison.Ordinal) : indexed != normalizedValue)
                {
                    continue;
                }
                yield return EntryRows.ToIndexHit(row);
            }
        }
    }

    /// <summary>Every index row of one field (maintenance and reverse lookups over a whole field).</summary>
    public async IAsyncEnumerable<IndexHit> ScanIndexAsync(string table, string field, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryRangeAsync(table, RowKeys.IndexFieldPrefix(field), cancellationToken))
        {
            foreach (var row in page)
            {
                yield return EntryRows.ToIndexHit(row);
            }
        }
    }

    /// <summary>The index rows of one field whose value lies between <paramref name="from"/> and <paramref name="to"/> (both included), in key order.</summary>
    public async IAsyncEnumerable<IndexHit> FindBetweenAsync(
        string table, string field, string from, string to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lower = RowKeys.IndexValuePrefix(field, from);
        var upper = KeyEscaper.UpperBound(RowKeys.IndexValuePrefix(field, to));
        await foreach (var page in QueryKeysAsync(table, lower, upper, cancellationToken))
        {
            foreach (var row in page)
            {
                yield return EntryRows.ToIndexHit(row);
            }
        }
    }

    /// <summary>The id of the entry holding a unique value, or null.</summary>
    public async Task<long?> GetClaimHolderAsync(string table, string field, string normalizedValue, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Claim(field, normalizedValue), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is null || !EntryRows.ClaimHolds(response.Value, normalizedValue))
        {
            return null;
        }
        metrics.CountRows(1);
        return response.Value.GetInt64(RowProperties.ClaimHolder);
    }

    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> QueryRangeAsync(
        string table, string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryKeysAsync(table, keyPrefix, KeyEscaper.UpperBound(keyPrefix), cancellationToken))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> QueryKeysAsync(
        string table, string lower, string upper, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {table} and RowKey ge {lower} and RowKey lt {upper}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            metrics.CountQuery();
            metrics.CountRows(page.Values.Count);
            yield return page.Values;
        }
    }
}
