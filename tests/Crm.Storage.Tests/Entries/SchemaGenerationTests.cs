using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

/// <summary>
/// Issue 15, defect 9: a write planned with an older schema generation than storage holds cannot commit. Creates are
/// checked against the generation on the table's counter (which their transaction replaces under its ETag), replaces
/// against the stamp of the entry they replace (under the entry's ETag).
/// </summary>
public sealed class SchemaGenerationTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task A_create_planned_with_an_older_generation_is_refused_even_through_another_instances_cached_counter()
    {
        var table = StorageTables.NewPartition("gen");
        var one = storage.NewStore();
        var two = storage.NewStore(storage.NewInstance());
        await one.CreateAsync(table, Images.Unique("a") with { Generation = 1 }, CancellationToken.None); // caches the counter

        await two.RaiseGenerationAsync(table, 2, CancellationToken.None);

        await Assert.ThrowsAsync<StaleSchemaException>(() => one.CreateAsync(table, Images.Unique("b") with { Generation = 1 }, CancellationToken.None));
        Assert.Empty(await one.FindIdsAsync(table, "f1", "b", prefix: false));
        var id = await one.CreateAsync(table, Images.Unique("b") with { Generation = 2 }, CancellationToken.None);
        Assert.Equal(2, id);
        Assert.Equal(2, (await one.GetAsync(table, id, CancellationToken.None))!.Generation);
        Assert.Equal(2, await two.GetGenerationAsync(table, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_creates_of_an_old_generation_are_refused_alone_and_the_others_land()
    {
        var table = StorageTables.NewPartition("gen");
        var store = storage.NewStore();
        await store.RaiseGenerationAsync(table, 3, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            try
            {
                return await store.CreateAsync(table, Images.Unique($"v{i}") with { Generation = i % 2 == 0 ? 3 : 2 }, CancellationToken.None);
            }
            catch (StaleSchemaException)
            {
                return -1L;
            }
        }));

        Assert.Equal(10, outcomes.Count(o => o == -1));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), outcomes.Where(o => o > 0).Order());
        Assert.All(await store.ListAllAsync(table), entry => Assert.Equal(0, int.Parse(entry.Get("f1")[1..], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }

    [Fact]
    public async Task A_create_planned_with_a_newer_generation_raises_the_partitions_and_a_raise_never_lowers_it()
    {
        var table = StorageTables.NewPartition("gen");
        var store = storage.NewStore();
        await store.CreateAsync(table, Images.Unique("a") with { Generation = 4 }, CancellationToken.None);
        Assert.Equal(4, await storage.NewStore(storage.NewInstance()).GetGenerationAsync(table, CancellationToken.None));

        await store.RaiseGenerationAsync(table, 2, CancellationToken.None);

        Assert.Equal(4, await store.GetGenerationAsync(table, CancellationToken.None));
        Assert.Equal(1, await store.GetLastIdAsync(table, CancellationToken.None));
    }

    [Fact]
    public async Task A_replace_planned_with_an_older_generation_than_the_entry_is_refused_and_a_bulk_update_leaves_it_to_plan_again()
    {
        var table = StorageTables.NewPartition("gen");
        var store = storage.NewStore();
        var older = await store.CreateAsync(table, Images.Unique("old") with { Generation = 4 }, CancellationToken.None);
        var stamped = await store.CreateAsync(table, Images.Unique("new") with { Generation = 5 }, CancellationToken.None);
        var rowsBefore = await storage.RawRowsAsync(table, RowKeys.EntryPrefix);

        await Assert.ThrowsAsync<StaleSchemaException>(() => store.UpdateAsync(table, stamped,
            _ => Task.FromResult(Images.Unique("changed") with { Generation = 4 }), CancellationToken.None));
        var bulk = await store.UpdateManyAsync(table, [stamped, older], entry => Images.Unique(entry.Get("f1") + "!") with { Generation = 4 }, CancellationToken.None);

        Assert.Equal([older], bulk.Written);
        Assert.Equal([stamped], bulk.Stale);
        Assert.Equal("new", (await store.GetAsync(table, stamped, CancellationToken.None))!.Get("f1"));
        Assert.Equal(rowsBefore.Single(r => r.RowKey == RowKeys.Entry(stamped)).ETag, (await storage.RawRowsAsync(table, RowKeys.Entry(stamped))).Single().ETag);
        Assert.Equal("old!", (await store.GetAsync(table, older, CancellationToken.None))!.Get("f1"));
    }
}
