using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

public sealed class ListingTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task A_table_of_5000_entries_is_listed_completely_in_id_order_across_continuation_pages()
    {
        const int count = 5_000;
        var table = StorageTables.NewPartition("big");
        // Rows the listing must skip: claims, index rows and the counter of the same partition, and the entries of neighbouring partitions.
        var noise = new List<TableEntity>
        {
            new(table, RowKeys.Counter) { ["Last"] = (long)count },
            new(table, RowKeys.Claim("f1", "entry 1")) { ["Id"] = 1L },
            new(table, RowKeys.Index("f1", "entry 1", 1)),
            new(table + "A", RowKeys.Entry(1)) { ["f1"] = "neighbour" },
            new(table[..^1], RowKeys.Entry(2)) { ["f1"] = "neighbour" },
        };
        foreach (var row in noise)
        {
            await storage.Tables.Entities.AddEntityAsync(row);
        }
        // Written raw in transactions of 100, in shuffled order: fast, and the listing cannot rely on insertion order.
        var ids = Enumerable.Range(1, count).Select(i => (long)i).ToArray();
        new Random(1).Shuffle(ids);
        await Parallel.ForEachAsync(ids.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
            await storage.Tables.Entities.SubmitTransactionAsync(
                chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(table, RowKeys.Entry(id)) { ["f1"] = $"entry {id}", [RowProperties.Rows] = "" })),
                ct));

        var store = storage.NewStore();
        var pages = 0;
        var listed = new List<StoredEntry>();
        await foreach (var page in store.ListAsync(table, CancellationToken.None))
        {
            pages++;
            listed.AddRange(page);
        }

        Assert.True(pages > 1, $"only {pages} page: the continuation path was not exercised");
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), listed.Select(e => e.Id));
        Assert.All(listed, e => Assert.Equal($"entry {e.Id}", e.Get("f1")));
        Assert.All(listed, e => Assert.False(e.Values.ContainsKey(RowProperties.Rows)));
    }
}
