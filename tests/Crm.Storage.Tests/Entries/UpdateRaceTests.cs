using Crm.Storage.Entries;

namespace Crm.Storage.Tests.Entries;

public sealed class UpdateRaceTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task An_update_that_loses_the_ETag_race_starts_again_from_a_fresh_read_and_keeps_both_changes()
    {
        var table = StorageTables.NewPartition("race");
        var store = storage.NewStore();
        var other = storage.NewStore(storage.NewInstance());
        var id = await store.CreateAsync(table, Images.Values(("f1", "start")), CancellationToken.None);
        var seen = new List<string>();

        await store.UpdateAsync(table, id, async current =>
        {
            seen.Add(current.Get("f1"));
            if (seen.Count == 1)
            {
                // Another instance changes the entry between this read and this write.
                await other.UpdateAsync(table, id, c => Task.FromResult(Images.Values(("f1", c.Get("f1") + "+other"))), CancellationToken.None);
            }
            return Images.Values(("f1", current.Get("f1") + "+mine"));
        }, CancellationToken.None);

        Assert.Equal(["start", "start+other"], seen);
        Assert.Equal("start+other+mine", (await store.GetAsync(table, id, CancellationToken.None))!.Get("f1"));
    }

    [Fact]
    public async Task Concurrent_updates_from_two_instances_each_apply_or_report_a_conflict_and_none_is_lost_silently()
    {
        var table = StorageTables.NewPartition("race");
        EntryStore[] instances = [storage.NewStore(), storage.NewStore(storage.NewInstance())];
        var id = await instances[0].CreateAsync(table, Images.Values(("f1", "")), CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await instances[i % 2].UpdateAsync(table, id,
                    current => Task.FromResult(Images.Values(("f1", current.Get("f1") + $"[{i}]"))), CancellationToken.None);
                return (Writer: i, Applied: true);
            }
            catch (WriteConflictException)
            {
                return (Writer: i, Applied: false);
            }
        })));

        var final = (await instances[0].GetAsync(table, id, CancellationToken.None))!.Get("f1");
        foreach (var (writer, applied) in outcomes)
        {
            Assert.Equal(applied, final.Contains($"[{writer}]", StringComparison.Ordinal));
        }
        Assert.Contains(outcomes, o => o.Applied);
        Assert.Equal(outcomes.Count(o => o.Applied), final.Count(c => c == '['));
    }

    [Fact]
    public async Task Changing_a_unique_value_frees_the_old_claim_and_claims_the_new_one()
    {
        var table = StorageTables.NewPartition("race");
        var store = storage.NewStore();
        var id = await store.CreateAsync(table, Images.Unique("old name"), CancellationToken.None);

        await store.UpdateAsync(table, id, _ => Task.FromResult(Images.Unique("new name")), CancellationToken.None);

        Assert.Null(await store.GetClaimHolderAsync(table, "f1", "old name", CancellationToken.None));
        Assert.Equal(id, await store.GetClaimHolderAsync(table, "f1", "new name", CancellationToken.None));
        Assert.Single(await storage.RawRowsAsync(table, "u~"));
        Assert.Empty(await store.FindIdsAsync(table, "f1", "old name", prefix: false));
        Assert.Equal([id], await store.FindIdsAsync(table, "f1", "new name", prefix: false));
        Assert.Single(await storage.RawRowsAsync(table, "x~"));

        var reuser = await store.CreateAsync(table, Images.Unique("old name"), CancellationToken.None);
        Assert.Equal(reuser, await store.GetClaimHolderAsync(table, "f1", "old name", CancellationToken.None));
        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => store.CreateAsync(table, Images.Unique("new name"), CancellationToken.None));
        Assert.Equal(id, duplicate.ExistingId);
    }

    [Fact]
    public async Task An_update_keeping_its_unique_value_does_not_collide_with_itself_and_refreshes_copied_index_properties()
    {
        var table = StorageTables.NewPartition("race");
        var store = storage.NewStore();
        var id = await store.CreateAsync(table, Images.With([("f1", "same")], [new ClaimRow("f1", "same")],
            [new IndexRow("f2", "7", new Dictionary<string, string> { ["T"] = "Old title" })]), CancellationToken.None);

        await store.UpdateAsync(table, id, _ => Task.FromResult(Images.With([("f1", "same"), ("f3", "more")], [new ClaimRow("f1", "same")],
            [new IndexRow("f2", "7", new Dictionary<string, string> { ["T"] = "New title" })])), CancellationToken.None);

        var hits = new List<IndexHit>();
        await foreach (var hit in store.FindAsync(table, "f2", "7", prefix: false, CancellationToken.None))
        {
            hits.Add(hit);
        }
        Assert.Equal("New title", Assert.Single(hits).Properties["T"]);
        Assert.Equal(id, await store.GetClaimHolderAsync(table, "f1", "same", CancellationToken.None));
        Assert.Equal("more", (await store.GetAsync(table, id, CancellationToken.None))!.Get("f3"));
    }

    [Fact]
    public async Task Updating_or_deleting_an_entry_that_does_not_exist_says_so()
    {
        var table = StorageTables.NewPartition("race");
        var store = storage.NewStore();

        await Assert.ThrowsAsync<EntryNotFoundException>(() => store.UpdateAsync(table, 42, _ => Task.FromResult(Images.Values(("f1", "x"))), CancellationToken.None));
        await Assert.ThrowsAsync<EntryNotFoundException>(() => store.DeleteAsync(table, 42, CancellationToken.None));
        Assert.Empty(await storage.RawRowsAsync(table));
    }

    [Fact]
    public async Task An_update_racing_a_delete_reports_the_entry_gone_and_leaves_no_rows()
    {
        var table = StorageTables.NewPartition("race");
        var store = storage.NewStore();
        var other = storage.NewStore(storage.NewInstance());
        var id = await store.CreateAsync(table, Images.Unique("doomed"), CancellationToken.None);

        await Assert.ThrowsAsync<EntryNotFoundException>(() => store.UpdateAsync(table, id, async current =>
        {
            await other.DeleteAsync(table, id, CancellationToken.None);
            return Images.Unique("resurrected");
        }, CancellationToken.None));

        Assert.Equal([Crm.Storage.Keys.RowKeys.Counter], (await storage.RawRowsAsync(table)).Select(r => r.RowKey));
    }
}
