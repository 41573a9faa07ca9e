using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Storage.Tests.Entries;

public sealed class FailedTransactionTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task A_create_failing_on_a_duplicate_claim_leaves_no_entry_claim_or_index_row_and_keeps_the_counter()
    {
        var table = StorageTables.NewPartition("clients");
        var store = storage.NewStore();
        var holder = await store.CreateAsync(table, Images.Unique("acme"), CancellationToken.None);
        var before = await SnapshotAsync(table);

        // The colliding claim comes after a fresh claim and before several index rows: all must roll back.
        var loser = Images.With(
            [("f1", "acme"), ("f2", "fresh value"), ("f3", "indexed")],
            [new ClaimRow("f2", "fresh value"), new ClaimRow("f1", "acme")],
            [new IndexRow("f1", "acme"), new IndexRow("f3", "indexed"), new IndexRow("f3", "other", new Dictionary<string, string> { ["T"] = "title" })]);
        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => store.CreateAsync(table, loser, CancellationToken.None));

        Assert.Equal("f1", duplicate.Field);
        Assert.Equal(holder, duplicate.ExistingId);
        Assert.Single(await storage.RawRowsAsync(table, "e~"));
        Assert.Single(await storage.RawRowsAsync(table, "u~"));
        Assert.Single(await storage.RawRowsAsync(table, "x~"));
        Assert.Equal(before, await SnapshotAsync(table));
        Assert.Equal(holder, await store.GetLastIdAsync(table, CancellationToken.None));
        Assert.Null(await store.GetClaimHolderAsync(table, "f2", "fresh value", CancellationToken.None));
        Assert.Empty(await store.FindIdsAsync(table, "f3", "indexed", prefix: false));

        // The id was not burnt: the next create takes the next number.
        Assert.Equal(holder + 1, await store.CreateAsync(table, Images.Unique("other"), CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_create_through_a_second_instance_leaves_nothing_either()
    {
        var table = StorageTables.NewPartition("clients");
        var holder = await storage.NewStore().CreateAsync(table, Images.Unique("acme"), CancellationToken.None);
        var before = await SnapshotAsync(table);

        var other = storage.NewStore(storage.NewInstance());
        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => other.CreateAsync(table, Images.Unique("acme"), CancellationToken.None));

        Assert.Equal(holder, duplicate.ExistingId);
        Assert.Equal(before, await SnapshotAsync(table));
    }

    [Fact]
    public async Task An_update_failing_on_a_duplicate_claim_leaves_the_entry_and_its_rows_as_they_were()
    {
        var table = StorageTables.NewPartition("clients");
        var store = storage.NewStore();
        var holder = await store.CreateAsync(table, Images.Unique("taken"), CancellationToken.None);
        var editee = await store.CreateAsync(table, Images.Unique("mine"), CancellationToken.None);
        var before = await SnapshotAsync(table);

        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => store.UpdateAsync(table, editee,
            _ => Task.FromResult(Images.With(
                [("f1", "taken"), ("f2", "new")],
                [new ClaimRow("f2", "new"), new ClaimRow("f1", "taken")],
                [new IndexRow("f1", "taken"), new IndexRow("f2", "new")])),
            CancellationToken.None));

        Assert.Equal(holder, duplicate.ExistingId);
        Assert.Equal(before, await SnapshotAsync(table));
        Assert.Equal("mine", (await store.GetAsync(table, editee, CancellationToken.None))!.Get("f1"));
        Assert.Equal(editee, await store.GetClaimHolderAsync(table, "f1", "mine", CancellationToken.None));
    }

    [Fact]
    public async Task A_delete_removes_the_entry_with_its_claims_and_index_rows_and_its_id_is_not_reused()
    {
        var table = StorageTables.NewPartition("clients");
        var store = storage.NewStore();
        var kept = await store.CreateAsync(table, Images.Unique("kept"), CancellationToken.None);
        var gone = await store.CreateAsync(table, Images.With(
            [("f1", "gone")], [new ClaimRow("f1", "gone")], [new IndexRow("f1", "gone"), new IndexRow("f2", "extra")]), CancellationToken.None);

        var deleted = await store.DeleteAsync(table, gone, CancellationToken.None);

        Assert.Equal("gone", deleted.Get("f1"));
        Assert.Null(await store.GetAsync(table, gone, CancellationToken.None));
        Assert.Equal([RowKeysOf(kept)], (await storage.RawRowsAsync(table, "e~")).Select(r => r.RowKey));
        Assert.Single(await storage.RawRowsAsync(table, "u~"));
        Assert.Single(await storage.RawRowsAsync(table, "x~"));
        await Assert.ThrowsAsync<EntryNotFoundException>(() => store.DeleteAsync(table, gone, CancellationToken.None));
        Assert.Equal(gone + 1, await store.CreateAsync(table, Images.Unique("gone"), CancellationToken.None));
    }

    private static string RowKeysOf(long id) => RowKeys.Entry(id);

    /// <summary>Every row of the partition with its properties, in a comparable form.</summary>
    private async Task<List<string>> SnapshotAsync(string table) =>
        (await storage.RawRowsAsync(table))
        .Select(row => row.RowKey + " {" + string.Join(", ", row
            .Where(p => p.Key is not ("odata.etag" or "Timestamp"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}")) + "}")
        .Order(StringComparer.Ordinal)
        .ToList();
}
