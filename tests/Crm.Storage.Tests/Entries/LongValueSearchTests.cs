namespace Crm.Storage.Tests.Entries;

/// <summary>Index keys of long values hold only a cut of the value: searches must still answer exactly.</summary>
public sealed class LongValueSearchTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task Prefix_and_exact_searches_on_values_longer_than_the_key_cut_find_exactly_the_matching_entries()
    {
        var table = StorageTables.NewPartition("long");
        var store = storage.NewStore();
        var stem = new string('x', 300);
        var values = new[]
        {
            stem + "A",
            stem + "B",
            stem + "AB",
            new string('x', 250) + new string('/', 60),
            new string('x', 150),
            stem[..210] + "😀" + stem,
            "y" + stem,
        };
        var ids = new Dictionary<string, long>();
        foreach (var value in values)
        {
            ids[value] = await store.CreateAsync(table, Images.Unique(value), CancellationToken.None);
        }

        async Task AssertFinds(string prefix, params string[] expected) =>
            Assert.Equal(expected.Select(v => ids[v]).Order(), (await store.FindIdsAsync(table, "f1", prefix, prefix: true)).Order());

        await AssertFinds(stem, values[0], values[1], values[2]);
        await AssertFinds(stem + "A", values[0], values[2]);
        await AssertFinds(stem + "AB", values[2]);
        await AssertFinds(stem + "ABC");
        await AssertFinds(stem[..200], values[0], values[1], values[2], values[3], values[5]);
        await AssertFinds(new string('x', 250) + "//", values[3]);
        await AssertFinds(stem[..210] + "😀", values[5]);
        await AssertFinds(new string('x', 150), values.Where(v => v.StartsWith(new string('x', 150), StringComparison.Ordinal)).ToArray());
        await AssertFinds("y" + stem[..250], values[6]);
        foreach (var value in values)
        {
            Assert.Equal([ids[value]], await store.FindIdsAsync(table, "f1", value, prefix: false));
            Assert.Equal(ids[value], await store.GetClaimHolderAsync(table, "f1", value, CancellationToken.None));
        }
    }
}
