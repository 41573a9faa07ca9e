using System.Globalization;
using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Bench.Scenarios;

/// <summary>The reference reads, straight SDK calls on the table the server uses.</summary>
public static class RawReads
{
    /// <summary>Every row of one RowKey range (an index lookup or a list), page by page as the engine reads it.</summary>
    public static async Task<List<TableEntity>> RangeAsync(TableClient table, string partition, string keyPrefix, bool keep = true)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {keyPrefix} and RowKey lt {KeyEscaper.UpperBound(keyPrefix)}");
        var rows = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000).AsPages())
        {
            if (keep)
            {
                rows.AddRange(page.Values);
            }
        }
        return rows;
    }

    /// <summary>Counts the entry rows of a partition (the raw equivalent of listing a table).</summary>
    public static async Task<long> CountEntriesAsync(TableClient table, string partition)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowKeys.EntryPrefix} and RowKey lt {KeyEscaper.UpperBound(RowKeys.EntryPrefix)}");
        long count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000).AsPages())
        {
            count += page.Values.Count;
        }
        return count;
    }

    /// <summary>The search without an index: the whole partition read with a filter on the property.</summary>
    public static async Task<int> FilteredScanAsync(TableClient table, string partition, string property, string value)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and {property} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'";
        var found = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000).AsPages())
        {
            found += page.Values.Count;
        }
        return found;
    }

    /// <summary>What a search by an indexed value needs: the index rows of that value, then the entries they name (16 at a time).</summary>
    public static async Task<int> IndexLookupAsync(TableClient table, string partition, string property, string normalizedValue)
    {
        var hits = await RangeAsync(table, partition, RowKeys.IndexValuePrefix(property, normalizedValue));
        var ids = hits.Select(h => RowKeys.IndexId(h.RowKey)).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (id, cancellationToken) => await table.GetEntityAsync<TableEntity>(partition, RowKeys.Entry(id), cancellationToken: cancellationToken));
        return ids.Count;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
