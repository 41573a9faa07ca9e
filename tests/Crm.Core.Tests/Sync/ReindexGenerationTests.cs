using Azure.Data.Tables;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Core.Sync;
using Crm.Storage.Entries;
using Crm.Storage.Schema;
using Crm.Storage.Tables;
using Crm.TestSupport.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Tests.Sync;

/// <summary>
/// Issue 15, defects 8 and 9 in the maintenance pass: it rewrites the entries stamped with an older schema generation
/// than their table's, logs and skips an entry it cannot fix (the run goes on), and keeps the reindex mark when
/// the generation moved while it ran.
/// </summary>
public sealed class ReindexGenerationTests
{
    private const string Products = DefaultSchema.Products;

    [Fact]
    public async Task An_entry_the_reindex_cannot_fix_is_logged_and_skipped_and_the_entries_after_it_are_reindexed()
    {
        var logs = new CapturingLoggerProvider();
        await using var crm = new SyncHarness(configure: services => services.AddSingleton<ILoggerProvider>(logs));
        var tags = await AddFieldAsync(crm, "product_tags", FieldType.Multi, dictionary: "Positions");
        var crowded = await crm.AddAsync(Products, ("product_name", "Crowded"));
        var plain = await crm.AddAsync(Products, ("product_name", "Plain"));
        // Written straight to storage, as an earlier version without the cap could: 120 values no transaction can index.
        await StageAsync(crm, crowded, new() { ["f1"] = "Crowded", [tags.Property] = string.Join(',', Enumerable.Range(1, 120).Select(i => $"Tag {i}")) });
        await StageAsync(crm, plain, new() { ["f1"] = "Plain", [tags.Property] = "Alpha,Beta" });
        await crm.SchemaStore.UpdateFieldAsync(tags with { Searchable = true }, markReindex: true, CancellationToken.None);

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(1, report.Maintenance.Reindexed);
        Assert.Equal([plain], await FindAsync(crm, tags.Property, "alpha"));
        Assert.Empty(await FindAsync(crm, tags.Property, "tag 1"));
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains($"Entry {crowded} of {Products} could not be reindexed", StringComparison.Ordinal));
        Assert.True(await NeedsReindexAsync(crm), "the mark stays, so the next pass tries the skipped entry again");
    }

    [Fact]
    public async Task The_pass_rewrites_the_entries_stamped_with_an_older_generation_and_leaves_the_current_ones()
    {
        await using var crm = new SyncHarness();
        var code = await AddFieldAsync(crm, "product_code", FieldType.Text);
        var current = await crm.AddAsync(Products, ("product_name", "Current"), ("product_code", "C-1"));
        var behind = await crm.AddAsync(Products, ("product_name", "Behind"), ("product_code", "B-2"));
        await crm.SchemaStore.UpdateFieldAsync(code with { Searchable = true }, markReindex: true, CancellationToken.None);
        var table = await crm.Get<SchemaCatalog>().GetCurrentTableAsync(Products, CancellationToken.None);
        // An instance that knows the new generation edits one entry; the other is still stamped with the old one.
        await crm.Get<EntryWriter>().ReplaceAsync(table, current, values => values["f1"] = "Current Edited", CancellationToken.None);
        Assert.Equal(table.Generation, (await crm.Store.GetAsync(Products, current, CancellationToken.None))!.Generation);
        Assert.True((await crm.Store.GetAsync(Products, behind, CancellationToken.None))!.Generation < table.Generation);
        Assert.Empty(await FindAsync(crm, code.Property, "b-2"));

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(1, report.Maintenance.Reindexed);
        Assert.Equal([behind], await FindAsync(crm, code.Property, "b-2"));
        Assert.Equal([current], await FindAsync(crm, code.Property, "c-1"));
        Assert.Equal(table.Generation, (await crm.Store.GetAsync(Products, behind, CancellationToken.None))!.Generation);
        Assert.False(await NeedsReindexAsync(crm));
    }

    [Fact]
    public async Task The_mark_is_kept_when_the_generation_moved_while_the_reindex_ran_and_cleared_by_the_next_pass()
    {
        await using var crm = new SyncHarness();
        var code = await AddFieldAsync(crm, "product_code", FieldType.Text);
        var id = await crm.AddAsync(Products, ("product_name", "Widget"), ("product_code", "W-1"));
        await crm.SchemaStore.UpdateFieldAsync(code with { Searchable = true }, markReindex: true, CancellationToken.None);
        var reindexing = await crm.Get<SchemaCatalog>().GetCurrentTableAsync(Products, CancellationToken.None);
        // Another instance adds a field after this reindex read the schema: its rows may be missed by it.
        await crm.SchemaStore.AddFieldAsync(Products, (property, order) => new FieldDefinition(Products, "product_more", "More", FieldType.Text, property, order), CancellationToken.None);

        var counts = await crm.Get<TableReindexer>().ReindexAsync(reindexing, CancellationToken.None);

        Assert.Equal(new ReindexCounts(1, 0, Cleared: false), counts);
        Assert.True(await NeedsReindexAsync(crm));
        Assert.Equal([id], await FindAsync(crm, code.Property, "w-1"));
        var next = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);
        Assert.Equal(1, next.Maintenance.Reindexed);
        Assert.False(await NeedsReindexAsync(crm));
    }

    private static async Task<FieldDefinition> AddFieldAsync(SyncHarness crm, string code, FieldType type, string? dictionary = null)
    {
        var table = await crm.TableAsync(Products);
        return await crm.Get<SchemaAdmin>().AddFieldAsync(table, new FieldDefinition(Products, code, code, type, "", 0, Dictionary: dictionary), CancellationToken.None);
    }

    /// <summary>Overwrites an entry's row with these values and no claim or index rows, past the engine.</summary>
    private static async Task StageAsync(SyncHarness crm, long id, Dictionary<string, string> values) =>
        await crm.Get<CrmTableSet>().Entities.UpsertEntityAsync(EntryRows.Entry(Products, id, new EntryImage(values, [], [])), TableUpdateMode.Replace);

    private static async Task<bool> NeedsReindexAsync(SyncHarness crm) =>
        (await crm.SchemaStore.LoadAsync(CancellationToken.None)).Single(t => t.Name == Products).NeedsReindex;

    private static async Task<List<long>> FindAsync(SyncHarness crm, string property, string value)
    {
        var ids = new List<long>();
        await foreach (var hit in crm.Store.FindAsync(Products, property, value, prefix: false, CancellationToken.None))
        {
            ids.Add(hit.Id);
        }
        return ids;
    }
}
