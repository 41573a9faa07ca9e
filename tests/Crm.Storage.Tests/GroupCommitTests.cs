using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;
using Crm.TestSupport;

namespace Crm.Storage.Tests;

/// <summary>Concurrent creates in one table share transactions; a duplicate among them must not sink the others.</summary>
public sealed class GroupCommitTests
{
    private const string Table = "BATCHED";

    [Fact]
    public async Task Concurrent_creates_with_duplicates_among_them_give_one_holder_and_distinct_ids_to_the_rest()
    {
        var tables = StorageClients.Tables(Azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(CancellationToken.None);
        var store = new EntryStore(tables, new StorageMetrics());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            // Every tenth create claims the same value; the others claim their own.
            var code = i % 10 == 0 ? "shared" : $"code-{i}";
            var image = new EntryImage(
                new Dictionary<string, string> { ["f1"] = code },
                [new ClaimRow("f1", ValueNormalizer.Normalize(code))],
                [new IndexRow("f1", ValueNormalizer.Normalize(code))]);
            try
            {
                return (Code: code, Id: await store.CreateAsync(Table, image, CancellationToken.None), Duplicate: (DuplicateValueException?)null);
            }
            catch (DuplicateValueException duplicate)
            {
                return (Code: code, Id: 0L, Duplicate: duplicate);
            }
        }));

        var created = outcomes.Where(o => o.Duplicate is null).ToList();
        var refused = outcomes.Where(o => o.Duplicate is not null).ToList();
        Assert.Equal(55, created.Count);
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r => Assert.Equal("shared", r.Code));
        var holder = Assert.Single(created, c => c.Code == "shared");
        Assert.All(refused, r => Assert.Equal(holder.Id, r.Duplicate!.ExistingId));
        Assert.Equal(Enumerable.Range(1, 55).Select(i => (long)i), created.Select(c => c.Id).Order());
        Assert.Equal(55, await store.GetLastIdAsync(Table, CancellationToken.None));

        var rows = new List<string>();
        await foreach (var row in tables.Entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Table}")))
        {
            rows.Add(row.RowKey);
        }
        Assert.Equal(55, rows.Count(r => r.StartsWith("e~", StringComparison.Ordinal)));
        Assert.Equal(55, rows.Count(r => r.StartsWith("u~", StringComparison.Ordinal)));
        Assert.Equal(55, rows.Count(r => r.StartsWith("x~", StringComparison.Ordinal)));
    }
}
