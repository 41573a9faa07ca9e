using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

public sealed class ConcurrentCreateTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task Twenty_concurrent_creates_from_two_instances_get_distinct_ids_and_the_counter_counts_them()
    {
        var table = StorageTables.NewPartition("clients");
        // Two stores over two client sets: the in-process gate does not cover both, so the counter's ETag must.
        EntryStore[] instances = [storage.NewStore(), storage.NewStore(storage.NewInstance())];

        var ids = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => instances[i % 2].CreateAsync(table, Images.Unique($"Company {i}"), CancellationToken.None))));

        Assert.Equal(20, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), ids.Order());
        var entries = await instances[0].ListAllAsync(table);
        Assert.Equal(20, entries.Count);
        Assert.Equal(
            Enumerable.Range(1, 20).Select(i => $"Company {i}").Order(StringComparer.Ordinal),
            entries.Select(e => e.Get("f1")).Order(StringComparer.Ordinal));
        Assert.Equal(20, await instances[0].GetLastIdAsync(table, CancellationToken.None));
        Assert.Equal(20, await instances[1].GetLastIdAsync(table, CancellationToken.None));
        for (var i = 1; i <= 20; i++)
        {
            var holder = await instances[1].GetClaimHolderAsync(table, "f1", $"Company {i}", CancellationToken.None);
            Assert.Equal(entries.Single(e => e.Get("f1") == $"Company {i}").Id, holder);
        }
    }

    [Fact]
    public async Task An_instance_whose_cached_counter_is_stale_takes_the_next_free_id()
    {
        var table = StorageTables.NewPartition("contacts");
        var first = storage.NewStore();
        var second = storage.NewStore(storage.NewInstance());

        Assert.Equal(1, await first.CreateAsync(table, Images.Values(("f1", "a")), CancellationToken.None));
        Assert.Equal(2, await second.CreateAsync(table, Images.Values(("f1", "b")), CancellationToken.None));
        Assert.Equal(3, await second.CreateAsync(table, Images.Values(("f1", "c")), CancellationToken.None));
        // first still caches counter 1 with its old ETag.
        Assert.Equal(4, await first.CreateAsync(table, Images.Values(("f1", "d")), CancellationToken.None));

        Assert.Equal(4, await first.GetLastIdAsync(table, CancellationToken.None));
        Assert.Equal(["a", "b", "c", "d"], (await first.ListAllAsync(table)).Select(e => e.Get("f1")));
    }

    [Fact]
    public async Task An_instance_with_a_stale_counter_never_reuses_the_id_of_a_deleted_entry()
    {
        var table = StorageTables.NewPartition("contacts");
        var stale = storage.NewStore();
        var other = storage.NewStore(storage.NewInstance());
        Assert.Equal(1, await stale.CreateAsync(table, Images.Values(("f1", "a")), CancellationToken.None));
        Assert.Equal(2, await other.CreateAsync(table, Images.Values(("f1", "b")), CancellationToken.None));
        Assert.Equal(3, await other.CreateAsync(table, Images.Values(("f1", "c")), CancellationToken.None));
        await other.DeleteAsync(table, 3, CancellationToken.None);
        await other.DeleteAsync(table, 2, CancellationToken.None);

        // Only the counter's ETag tells this instance that 2 and 3 were handed out: their entry rows are gone.
        Assert.Equal(4, await stale.CreateAsync(table, Images.Values(("f1", "d")), CancellationToken.None));
        Assert.Equal(4, await other.GetLastIdAsync(table, CancellationToken.None));
        Assert.Equal(5, await other.CreateAsync(table, Images.Values(("f1", "e")), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_unique_value_from_two_instances_let_exactly_one_win()
    {
        var table = StorageTables.NewPartition("clients");
        EntryStore[] instances = [storage.NewStore(), storage.NewStore(storage.NewInstance())];

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Id: await instances[i % 2].CreateAsync(table, Images.Unique(ValueNormalizer.Normalize(" ACME ")), CancellationToken.None), Holder: 0L);
            }
            catch (DuplicateValueException duplicate)
            {
                return (Id: 0L, Holder: duplicate.ExistingId);
            }
        })));

        var winner = Assert.Single(attempts, a => a.Id != 0).Id;
        Assert.All(attempts.Where(a => a.Id == 0), a => Assert.Equal(winner, a.Holder));
        Assert.Single(await instances[0].ListAllAsync(table));
        Assert.Single(await storage.RawRowsAsync(table, "u~"));
        Assert.Single(await storage.RawRowsAsync(table, "x~"));
        Assert.Equal(winner, await instances[0].GetLastIdAsync(table, CancellationToken.None));
    }
}
