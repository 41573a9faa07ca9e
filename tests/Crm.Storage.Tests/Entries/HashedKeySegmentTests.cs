using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

/// <summary>
/// Issue 15, defect 10: long values end their key in a hash. It must have at least 128 bits, and an exact match
/// must compare the stored value, so two values sharing a key (staged here) are never taken for each other.
/// </summary>
public sealed class HashedKeySegmentTests(StorageTables storage) : IClassFixture<StorageTables>
{
    private static readonly string Long = new('a', 300);
    private static readonly string Colliding = new string('a', 299) + "b";

    [Fact]
    public void A_long_value_ends_in_a_hash_of_at_least_128_bits_and_fits_a_key()
    {
        var segment = KeyEscaper.Escape(Long);
        var hash = segment[(segment.LastIndexOf('!') + 1)..];

        Assert.True(hash.Length * 4 >= 128, $"the hash has {hash.Length * 4} bits");
        Assert.True(hash.All(Uri.IsHexDigit));
        Assert.True(segment.Length <= KeyEscaper.MaxSegmentLength);
        Assert.NotEqual(segment, KeyEscaper.Escape(Colliding));
    }

    [Fact]
    public async Task An_exact_search_skips_an_index_row_whose_stored_value_differs_from_the_one_its_key_stands_for()
    {
        var table = StorageTables.NewPartition("hash");
        var store = storage.NewStore();
        var id = await store.CreateAsync(table, Images.With([("f1", Long)], index: [new IndexRow("f1", Long)]), CancellationToken.None);
        // A different value whose (staged) hash collides: same key, another stored value.
        await storage.Tables.Entities.AddEntityAsync(new TableEntity(table, RowKeys.Index("f1", Long, 999)) { ["V"] = Colliding });

        Assert.Equal([id], await store.FindIdsAsync(table, "f1", Long, prefix: false));
    }

    [Fact]
    public async Task A_claim_held_for_another_value_under_the_same_key_is_not_a_duplicate()
    {
        var table = StorageTables.NewPartition("hash");
        var store = storage.NewStore();
        await storage.Tables.Entities.AddEntityAsync(new TableEntity(table, RowKeys.Claim("f1", Long)) { ["Id"] = 999L, ["Field"] = "f1", ["V"] = Colliding });

        Assert.Null(await store.GetClaimHolderAsync(table, "f1", Long, CancellationToken.None));
        var id = await store.CreateAsync(table, Images.With([("f1", Colliding)], [new ClaimRow("f1", Colliding)]), CancellationToken.None);
        Assert.Equal(id, await store.GetClaimHolderAsync(table, "f1", Colliding, CancellationToken.None));
    }
}
