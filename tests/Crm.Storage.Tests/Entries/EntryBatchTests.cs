using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Entries;
using Crm.Storage.Tables;
using Crm.TestSupport;

namespace Crm.Storage.Tests.Entries;

public sealed class EntryBatchTests
{
    [Fact]
    public async Task Bulk_updates_replace_the_rows_of_changed_entries_and_skip_the_rest()
    {
        var tables = await NewTablesAsync();
        var store = new EntryStore(tables, new StorageMetrics());
        var ids = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => store.CreateAsync("BATCH", Image($"login{i}", $"Name {i}"), CancellationToken.None)));

        var bulk = await store.UpdateManyAsync("BATCH", ids, entry =>
            entry.Id % 2 == 0 ? Image(entry.Get("L"), "Renamed " + entry.Id) : null, CancellationToken.None);

        Assert.Equal(ids.Where(id => id % 2 == 0), bulk.Written.Order());
        Assert.Empty(bulk.Stale);
        var rows = await RowsAsync(tables, "BATCH");
        Assert.Contains("x~N~renamed 2~000000000002", rows.Keys);
        Assert.DoesNotContain("x~N~name 2~000000000002", rows.Keys);
        Assert.Contains("x~N~name 3~000000000003", rows.Keys);
        Assert.Equal("Renamed 4", (await store.GetAsync("BATCH", 4, CancellationToken.None))!.Get("N"));
        Assert.Equal(30 * 4 + 1, rows.Count);
    }

    private static EntryImage Image(string login, string name) => new(
        new Dictionary<string, string> { ["L"] = login, ["N"] = name },
        [new ClaimRow("L", login.ToLowerInvariant())],
        [new IndexRow("L", login.ToLowerInvariant()), new IndexRow("N", name.ToLowerInvariant())]);

    private static async Task<CrmTableSet> NewTablesAsync()
    {
        var tables = StorageClients.Tables(Azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(CancellationToken.None);
        return tables;
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> RowsAsync(CrmTableSet tables, string partition)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        await foreach (var row in tables.Entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            if (row.RowKey.StartsWith(WriteTokens.Prefix, StringComparison.Ordinal))
            {
                continue; // random per write
            }
            rows[row.RowKey] = row.Where(p => p.Value is string && p.Key is not ("odata.etag" or "PartitionKey")).ToDictionary(p => p.Key, p => (string)p.Value);
        }
        return rows;
    }
}
