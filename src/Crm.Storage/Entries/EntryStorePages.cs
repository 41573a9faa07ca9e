using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Storage.Entries;

/// <summary>Pages for cursor paging: entries after a given id, in id order, reading no more rows than asked for.</summary>
public sealed partial class EntryStore
{
    /// <summary>Storage answers at most 1,000 rows a request.</summary>
    private const int MaxRowsPerRequest = 1000;

    /// <summary>Up to <paramref name="count"/> entries with ids above <paramref name="afterId"/>, in id order.</summary>
    public async Task<IReadOnlyList<StoredEntry>> ListAfterAsync(string table, long afterId, int count, CancellationToken cancellationToken)
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
        return entries;
    }
}
