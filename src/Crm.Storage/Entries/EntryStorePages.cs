using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Storage.Entries;

/// <summary>Pages for cursor paging: entries after a given id, in id order, reading no more rows than asked for.</summary>
public sealed partial class EntryStore
{
    /// <summary>Storage answers at most 1,000 rows a request.</summary>
    private const int MaxRowsPerRequest = 1000;

    /// <summary>
    /// Up to <paramref name="limit"/> entries after <paramref name="afterId"/> in id order, and whether another entry
    /// follows them. A query answered without a continuation has no more rows, so a full page then needs nothing
    /// more (documented for Query Entities). Otherwise the next id is probed: ids are handed out one after the other, so
    /// it usually exists, and a point read costs less than a range read (storage answers at most 1,000 rows a
    /// request, so the row after a page of 1,000 is a request of its own either way). Only when that id is gone
    /// (deleted) is one row read ahead.
    /// </summary>
    public async Task<(IReadOnlyList<StoredEntry> Entries, bool More)> ListPageAsync(string table, long afterId, int limit, CancellationToken cancellationToken)
    {
        var (entries, storageEnded) = await ListAfterAsync(table, afterId, limit, cancellationToken);
        if (entries.Count < limit || storageEnded)
        {
            return (entries, false);
        }
        var last = entries[^1].Id;
        var more = await ReadEntityAsync(table, last + 1, cancellationToken) is not null
            || (await ListAfterAsync(table, last, 1, cancellationToken)).Entries.Count > 0;
        return (entries, more);
    }

    /// <summary>
    /// Up to <paramref name="count"/> entries with ids above <paramref name="afterId"/>, in id order, and whether storage
    /// said no more rows match (its last answer had no continuation).
    /// </summary>
    private async Task<(IReadOnlyList<StoredEntry> Entries, bool StorageEnded)> ListAfterAsync(
        string table, long afterId, int count, CancellationToken cancellationToken)
    {
        var entries = new List<StoredEntry>(Math.Min(count, MaxRowsPerRequest + 1));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {table} and RowKey gt {RowKeys.Entry(afterId)} and RowKey lt {KeyEscaper.UpperBound(RowKeys.EntryPrefix)}");
        var query = _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(count, MaxRowsPerRequest), cancellationToken: cancellationToken);
        string? continuation = null;
        do
        {
            // Each request asks only for what is still missing (a read-ahead of one costs one row, not a page).
            var wanted = Math.Min(count - entries.Count, MaxRowsPerRequest);
            await foreach (var page in query.AsPages(continuation, wanted))
            {
                metrics.CountQuery();
                metrics.CountRows(page.Values.Count);
                entries.AddRange(page.Values.Take(wanted).Select(EntryRows.ToStoredEntry));
                continuation = page.ContinuationToken;
                break;
            }
        }
        while (continuation is not null && entries.Count < count);
        return (entries, continuation is null);
    }
}
