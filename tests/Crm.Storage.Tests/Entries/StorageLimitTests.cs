using Crm.Storage.Entries;

namespace Crm.Storage.Tests.Entries;

/// <summary>Limits Azurite does not enforce (or answers differently from Azure) are checked before anything is sent.</summary>
public sealed class StorageLimitTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task A_value_over_32K_characters_is_refused_and_one_at_the_limit_is_stored()
    {
        var table = StorageTables.NewPartition("limits");
        var store = storage.NewStore();

        await AssertRefusedAsync(table, store, Images.Values(("f1", new string('x', TableLimits.MaxStringLength + 1))));

        var atLimit = new string('y', TableLimits.MaxStringLength);
        var id = await store.CreateAsync(table, Images.Values(("f1", atLimit)), CancellationToken.None);
        Assert.Equal(atLimit, (await store.GetAsync(table, id, CancellationToken.None))!.Get("f1"));
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused()
    {
        var table = StorageTables.NewPartition("limits");
        // 20 values of 30,000 characters: 1.2 MB of UTF-16, each value under the string limit.
        var values = Enumerable.Range(1, 20).Select(i => ($"f{i}", new string((char)('a' + i), 30_000))).ToArray();

        await AssertRefusedAsync(table, storage.NewStore(), Images.Values(values));
    }

    [Fact]
    public async Task An_index_row_over_1_MiB_is_refused_too()
    {
        var table = StorageTables.NewPartition("limits");
        var copied = Enumerable.Range(1, 20).ToDictionary(i => $"p{i}", i => new string('z', 30_000));

        await AssertRefusedAsync(table, storage.NewStore(), Images.With([("f1", "small")], index: [new IndexRow("f1", "small", copied)]));
    }

    [Fact]
    public async Task More_than_252_properties_are_refused_and_251_values_with_the_rows_list_are_stored()
    {
        var table = StorageTables.NewPartition("limits");
        var store = storage.NewStore();

        await AssertRefusedAsync(table, store, Images.Values(Enumerable.Range(1, 253).Select(i => ($"f{i}", "v")).ToArray()));

        var id = await store.CreateAsync(table, Images.Values(Enumerable.Range(1, 251).Select(i => ($"f{i}", $"v{i}")).ToArray()), CancellationToken.None);
        var stored = await store.GetAsync(table, id, CancellationToken.None);
        Assert.Equal(251, stored!.Values.Count);
        Assert.Equal("v251", stored.Get("f251"));
    }

    [Fact]
    public async Task More_than_100_actions_in_one_transaction_are_refused_and_exactly_100_go_through()
    {
        var table = StorageTables.NewPartition("limits");
        var store = storage.NewStore();

        // counter + entry + 98 claims + write token = 101 actions.
        await AssertRefusedAsync(table, store, Images.With([("f1", "x")], Enumerable.Range(1, 98).Select(i => new ClaimRow("f1", $"v{i}"))));

        // counter + entry + 97 claims + write token = 100 actions.
        var id = await store.CreateAsync(table, Images.With([("f1", "x")], Enumerable.Range(1, 97).Select(i => new ClaimRow("f1", $"v{i}"))), CancellationToken.None);
        Assert.Equal(97, (await storage.RawRowsAsync(table, "u~")).Count);
        Assert.Equal(id, await store.GetClaimHolderAsync(table, "f1", "v97", CancellationToken.None));
    }

    [Fact]
    public async Task An_update_over_a_limit_is_refused_and_the_entry_stays_as_it_was()
    {
        var table = StorageTables.NewPartition("limits");
        var store = storage.NewStore();
        var id = await store.CreateAsync(table, Images.Unique("before"), CancellationToken.None);
        var rows = (await storage.RawRowsAsync(table)).Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList();

        await Assert.ThrowsAsync<StorageLimitException>(() => store.UpdateAsync(table, id,
            _ => Task.FromResult(Images.With([("f1", "after"), ("f2", new string('x', TableLimits.MaxStringLength + 1))], [new ClaimRow("f1", "after")])),
            CancellationToken.None));

        Assert.Equal("before", (await store.GetAsync(table, id, CancellationToken.None))!.Get("f1"));
        Assert.Equal(rows, (await storage.RawRowsAsync(table)).Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_create_over_a_limit_among_concurrent_creates_fails_alone()
    {
        var table = StorageTables.NewPartition("limits");
        var store = storage.NewStore();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            var value = i == 13 ? new string('x', TableLimits.MaxStringLength + 1) : $"value {i}";
            try
            {
                return (Index: i, Id: await store.CreateAsync(table, Images.Unique(i == 13 ? "oversized" : value) with { Values = new Dictionary<string, string> { ["f1"] = value } }, CancellationToken.None), Failure: (Exception?)null);
            }
            catch (StorageLimitException limit)
            {
                return (Index: i, Id: 0L, Failure: limit);
            }
        })));

        Assert.Equal(13, Assert.Single(outcomes, o => o.Failure is not null).Index);
        var created = outcomes.Where(o => o.Failure is null).ToList();
        Assert.Equal(Enumerable.Range(1, 29).Select(i => (long)i), created.Select(c => c.Id).Order());
        Assert.Equal(29, await store.GetLastIdAsync(table, CancellationToken.None));
        Assert.Null(await store.GetClaimHolderAsync(table, "f1", "oversized", CancellationToken.None));
        foreach (var (index, id, _) in created)
        {
            Assert.Equal($"value {index}", (await store.GetAsync(table, id, CancellationToken.None))!.Get("f1"));
        }
    }

    private async Task AssertRefusedAsync(string table, EntryStore store, EntryImage image)
    {
        var counter = await store.GetLastIdAsync(table, CancellationToken.None);
        var rows = (await storage.RawRowsAsync(table)).Count;

        await Assert.ThrowsAsync<StorageLimitException>(() => store.CreateAsync(table, image, CancellationToken.None));

        Assert.Equal(counter, await store.GetLastIdAsync(table, CancellationToken.None));
        Assert.Equal(rows, (await storage.RawRowsAsync(table)).Count);
    }
}
