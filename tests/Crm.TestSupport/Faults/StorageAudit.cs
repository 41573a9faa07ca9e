using Azure.Data.Tables;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.TestSupport.Faults;

/// <summary>
/// Reads a CRM table's partition straight from storage and lists every broken promise: an entry whose
/// claim and index rows are not exactly those its values call for, orphan claim or index rows, a counter
/// behind the largest id.
/// </summary>
public static class StorageAudit
{
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(CrmTestServer server, string connectionString, string tableName)
    {
        var definition = await server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync(tableName, CancellationToken.None);
        var client = new TableServiceClient(connectionString).GetTableClient(server.TablePrefix + "CrmEntities");
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tableName}")))
        {
            rows[row.RowKey] = row;
        }
        var problems = new List<string>();
        var owned = new HashSet<string>(StringComparer.Ordinal);
        long largest = 0;
        foreach (var entry in rows.Values.Where(r => r.RowKey.StartsWith(RowKeys.EntryPrefix, StringComparison.Ordinal)))
        {
            var id = RowKeys.EntryId(entry.RowKey);
            largest = Math.Max(largest, id);
            var values = entry.Where(p => p.Value is string && p.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or RowProperties.Rows))
                .ToDictionary(p => p.Key, p => (string)p.Value, StringComparer.Ordinal);
            var image = EntryImageBuilder.Build(definition, values);
            var expected = image.Claims.Select(c => RowKeys.Claim(c.Field, c.NormalizedValue))
                .Concat(image.Index.Select(x => RowKeys.Index(x.Field, x.NormalizedValue, id))).ToHashSet(StringComparer.Ordinal);
            var listed = (entry.GetString(RowProperties.Rows) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            if (!listed.SetEquals(expected))
            {
                problems.Add($"entry {id} lists rows [{string.Join(", ", listed.Order())}] but its values call for [{string.Join(", ", expected.Order())}]");
            }
            foreach (var rowKey in expected)
            {
                owned.Add(rowKey);
                if (!rows.TryGetValue(rowKey, out var row))
                {
                    problems.Add($"entry {id} misses its row {rowKey}");
                }
                else if (rowKey.StartsWith("u~", StringComparison.Ordinal) && row.GetInt64("Id") != id)
                {
                    problems.Add($"claim {rowKey} names entry {row.GetInt64("Id")}, but entry {id} holds the value");
                }
            }
        }
        foreach (var rowKey in rows.Keys.Where(k => k.StartsWith("u~", StringComparison.Ordinal) || k.StartsWith("x~", StringComparison.Ordinal)))
        {
            if (!owned.Contains(rowKey))
            {
                problems.Add($"orphan row {rowKey}");
            }
        }
        var counter = rows.TryGetValue(RowKeys.Counter, out var counterRow) ? counterRow.GetInt64("Last") ?? 0 : 0;
        if (counter < largest)
        {
            problems.Add($"the counter ({counter}) is behind the largest id ({largest})");
        }
        return problems;
    }

    /// <summary>The stored values of one property over every entry of the table (titles, to find double creates).</summary>
    public static async Task<IReadOnlyList<string>> ValuesAsync(CrmTestServer server, string connectionString, string tableName, string property)
    {
        var client = new TableServiceClient(connectionString).GetTableClient(server.TablePrefix + "CrmEntities");
        var values = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tableName} and RowKey ge {RowKeys.EntryPrefix} and RowKey lt {KeyEscaper.UpperBound(RowKeys.EntryPrefix)}");
        await foreach (var row in client.QueryAsync<TableEntity>(filter))
        {
            values.Add(row.GetString(property) ?? "");
        }
        return values;
    }

    /// <summary>The call records of <c>Idempotency-Key</c> calls kept in the table's partition.</summary>
    public static async Task<IReadOnlyList<CallRecord>> CallRecordsAsync(CrmTestServer server, string connectionString, string tableName)
    {
        var client = new TableServiceClient(connectionString).GetTableClient(server.TablePrefix + "CrmEntities");
        var prefix = WriteTokens.CallRecordRowKey("");
        var records = new List<CallRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tableName} and RowKey ge {prefix} and RowKey lt {KeyEscaper.UpperBound(prefix)}");
        await foreach (var row in client.QueryAsync<TableEntity>(filter))
        {
            records.Add(CallRecord.FromRow(row));
        }
        return records;
    }
}
