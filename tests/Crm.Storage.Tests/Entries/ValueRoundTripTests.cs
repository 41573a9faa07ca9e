using System.Text;
using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

/// <summary>Values that keys cannot hold as they are (Azurite answers 500 for '/' or '#' in a key) round-trip as values, claims and index rows.</summary>
public sealed class ValueRoundTripTests(StorageTables storage) : IClassFixture<StorageTables>
{
    public static TheoryData<string, string> Awkward => new()
    {
        { "slashes", @"a/b\c" },
        { "hash and question", "#1 ? really?" },
        { "quotes", "O'Brien said \"hi\" `ok`" },
        { "percent and tilde", "100% ~tilde~ %2F %!" },
        { "emoji", "😀 rocket 🚀 thumbs 👍🏽 flag 🇩🇪" },
        { "newlines", "line one\nline two\r\nline three\r" },
        { "control characters", "a\u0001b\u0007c\u001Fd\u007Fe\u0085f\u009Fg\tz" },
        { "non-latin", "Ærøskøbing Straße Москва 東京 ﷽" },
        { "only specials", "/\\#?%~'\"" },
        { "long, with specials", LongValue(32_000) },
        { "long, emoji at the cut", new string('x', 199) + string.Concat(Enumerable.Repeat("😀", 200)) },
        { "long, escapes at the cut", new string('x', 198) + new string('/', 300) },
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task A_value_round_trips_as_value_claim_and_index_row(string what, string value)
    {
        Assert.NotEmpty(what);
        var table = StorageTables.NewPartition("values");
        var store = storage.NewStore();
        var image = Images.With(
            [("f1", value), ("f2", "plain")],
            [new ClaimRow("f1", value)],
            [new IndexRow("f1", value), new IndexRow("f3", value, new Dictionary<string, string> { ["T"] = value })]);

        var id = await store.CreateAsync(table, image, CancellationToken.None);

        Assert.Equal(value, (await store.GetAsync(table, id, CancellationToken.None))!.Get("f1"));
        Assert.Equal(value, Assert.Single(await store.ListAllAsync(table)).Get("f1"));
        Assert.Equal(id, await store.GetClaimHolderAsync(table, "f1", value, CancellationToken.None));
        Assert.Equal([id], await store.FindIdsAsync(table, "f1", value, prefix: false));
        foreach (var length in new[] { 1, value.Length / 2, value.Length - 1, value.Length })
        {
            var prefix = value[..AvoidSplittingPair(value, length)];
            Assert.Equal([id], await store.FindIdsAsync(table, "f1", prefix, prefix: true));
        }
        var copied = new List<IndexHit>();
        await foreach (var hit in store.FindAsync(table, "f3", value, prefix: false, CancellationToken.None))
        {
            copied.Add(hit);
        }
        Assert.Equal(value, Assert.Single(copied).Properties["T"]);

        // The same value again collides on its claim: the key is stable.
        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => store.CreateAsync(table, image, CancellationToken.None));
        Assert.Equal(id, duplicate.ExistingId);

        // A value that differs only after the cut of a long key is a different key.
        var neighbour = value + "!";
        var second = await store.CreateAsync(table, Images.Unique(neighbour), CancellationToken.None);
        Assert.Equal(second, await store.GetClaimHolderAsync(table, "f1", neighbour, CancellationToken.None));
        Assert.Equal([id], await store.FindIdsAsync(table, "f1", value, prefix: false));
        Assert.Equal([id, second], (await store.FindIdsAsync(table, "f1", value, prefix: true)).Order());

        // Updates and deletes find the escaped rows again.
        await store.UpdateAsync(table, id, _ => Task.FromResult(Images.Unique("renamed")), CancellationToken.None);
        Assert.Null(await store.GetClaimHolderAsync(table, "f1", value, CancellationToken.None));
        Assert.Equal([second], await store.FindIdsAsync(table, "f1", value, prefix: true));
        await store.DeleteAsync(table, second, CancellationToken.None);
        Assert.Null(await store.GetClaimHolderAsync(table, "f1", neighbour, CancellationToken.None));
        Assert.Empty(await store.FindIdsAsync(table, "f1", value, prefix: true));
    }

    [Fact]
    public async Task Normalized_values_with_awkward_characters_find_their_entries()
    {
        var table = StorageTables.NewPartition("values");
        var store = storage.NewStore();
        var names = new[] { "  ACME / Sales #2  ", "acme\\sales", "Ünïcödé  Ltd.", "50% Off?" };
        var ids = new List<long>();
        foreach (var name in names)
        {
            ids.Add(await store.CreateAsync(table, Images.Unique(ValueNormalizer.Normalize(name)), CancellationToken.None));
        }

        Assert.Equal([ids[0]], await store.FindIdsAsync(table, "f1", ValueNormalizer.Normalize("acme / SALES #2"), prefix: false));
        Assert.Equal([ids[0], ids[1]], await store.FindIdsAsync(table, "f1", ValueNormalizer.Normalize("ACME"), prefix: true));
        Assert.Equal([ids[3]], await store.FindIdsAsync(table, "f1", "50%", prefix: true));
        Assert.Equal(ids[2], await store.GetClaimHolderAsync(table, "f1", ValueNormalizer.Normalize("ünïcödé ltd."), CancellationToken.None));
    }

    internal static string LongValue(int length)
    {
        var pieces = new[] { "abc", "/", "\\", "#", "?", "%", "~", "'", "\"", "😀", "\n", "\u0001", " ", "Ž" };
        var builder = new StringBuilder(length + 4);
        var random = new Random(42);
        while (builder.Length < length)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }
        return builder.ToString(0, AvoidSplittingPair(builder.ToString(), length));
    }

    private static int AvoidSplittingPair(string value, int length) =>
        length > 0 && length < value.Length && char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
}
