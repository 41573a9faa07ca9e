using Crm.Core.Schema;
using Crm.Storage.Dictionaries;

namespace Crm.Storage.Tests.Dictionaries;

public sealed class DictionaryStoreTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task Instances_creating_the_default_dictionaries_at_once_create_each_exactly_once()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        DictionaryStore[] instances = [new(storage.Tables), new(storage.NewInstance()), new(storage.NewInstance())];

        var created = await Task.WhenAll(DefaultSchema.Dictionaries.SelectMany(d => instances.Select(store =>
            Task.Run(async () => (d.Name, Created: await store.CreateAsync(d.Name + suffix, d.Open, d.Values, CancellationToken.None))))));

        foreach (var (name, open, values) in DefaultSchema.Dictionaries)
        {
            Assert.Single(created, c => c.Name == name && c.Created);
            var loaded = await instances[0].GetAsync(name + suffix, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal(open, loaded.Open);
            Assert.Equal(values, loaded.Values);
        }
        Assert.Contains("Consulting", (await instances[1].GetAsync("industries" + suffix, CancellationToken.None))!.Values);
        Assert.Contains("SLA-1 Free", (await instances[2].GetAsync(" SLA" + suffix, CancellationToken.None))!.Values);
    }

    [Fact]
    public async Task Names_and_values_with_characters_keys_forbid_are_stored_and_found()
    {
        var store = new DictionaryStore(storage.Tables);
        var name = "Colours / Shades #" + Guid.NewGuid().ToString("N")[..6];
        string[] values = ["Red/Blue", "50% off?", "back\\slash", "tab\there", "~tilde~", "😀"];

        Assert.True(await store.CreateAsync(name, open: true, values, CancellationToken.None));
        Assert.Equal(DictionaryChange.Done, await store.AddValueAsync(name, "New #1", createIfMissing: false, CancellationToken.None));
        Assert.Equal(DictionaryChange.Duplicate, await store.AddValueAsync(name, " red/BLUE ", createIfMissing: false, CancellationToken.None));
        Assert.Equal(DictionaryChange.Done, await store.RemoveValueAsync(name, "50% OFF?", CancellationToken.None));
        Assert.Equal(DictionaryChange.ValueNotFound, await store.RemoveValueAsync(name, "50% off?", CancellationToken.None));

        var loaded = await store.GetAsync(name.ToUpperInvariant(), CancellationToken.None);
        Assert.Equal(["Red/Blue", "back\\slash", "tab\there", "~tilde~", "😀", "New #1"], loaded!.Values);
        Assert.Equal(name, loaded.Name);
    }

    [Fact]
    public async Task Values_added_concurrently_are_all_kept_once_in_some_order()
    {
        var name = "Concurrent " + Guid.NewGuid().ToString("N")[..6];
        DictionaryStore[] instances = [new(storage.Tables), new(storage.NewInstance())];
        await instances[0].CreateAsync(name, open: true, ["first"], CancellationToken.None);

        var changes = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() =>
            instances[i % 2].AddValueAsync(name, $"value {i % 5}", createIfMissing: false, CancellationToken.None))));

        Assert.Equal(5, changes.Count(c => c == DictionaryChange.Done));
        Assert.Equal(5, changes.Count(c => c == DictionaryChange.Duplicate));
        var loaded = await instances[1].GetAsync(name, CancellationToken.None);
        Assert.Equal("first", loaded!.Values[0]);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"value {i}"), loaded.Values.Skip(1).Order(StringComparer.Ordinal));
    }
}
