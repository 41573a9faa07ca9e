using Crm.Storage.Schema;

namespace Crm.Storage.Tests.Schema;

/// <summary>
/// Issue 15, defect 9: every schema change that affects entries' rows bumps the table's generation, and the reindex
/// mark is cleared only for the generation the reindex brought the entries to.
/// </summary>
public sealed class SchemaGenerationMarkTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task Field_changes_bump_the_generation_and_the_mark_clears_only_for_the_generation_reindexed()
    {
        var schema = new SchemaStore(storage.Tables);
        var name = "GEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Assert.True(await schema.AddTableAsync(new TableDefinition(name, "records", [new FieldDefinition(name, "t_name", "Name", FieldType.Text, "f1", 1, IsTitle: true)]), CancellationToken.None));
        Assert.Equal((0L, false), await StateAsync(schema, name));

        var code = await schema.AddFieldAsync(name, (property, order) => new FieldDefinition(name, "t_code", "Code", FieldType.Text, property, order), CancellationToken.None);
        Assert.Equal((1L, false), await StateAsync(schema, name));
        await schema.UpdateFieldAsync(code! with { Name = "Renamed" }, markReindex: false, CancellationToken.None);
        Assert.Equal((1L, false), await StateAsync(schema, name));
        await schema.UpdateFieldAsync(code with { Searchable = true }, markReindex: true, CancellationToken.None);
        Assert.Equal((2L, true), await StateAsync(schema, name));

        Assert.False(await schema.ClearNeedsReindexAsync(name, 1, CancellationToken.None));
        Assert.Equal((2L, true), await StateAsync(schema, name));
        Assert.True(await schema.ClearNeedsReindexAsync(name, 2, CancellationToken.None));
        Assert.Equal((2L, false), await StateAsync(schema, name));

        await schema.RemoveFieldAsync(code, CancellationToken.None);
        Assert.Equal((3L, true), await StateAsync(schema, name));
        Assert.Null((await schema.LoadAsync(CancellationToken.None)).Single(t => t.Name == name).FindByCode("t_code"));
    }

    private static async Task<(long Generation, bool NeedsReindex)> StateAsync(SchemaStore schema, string name)
    {
        var table = (await schema.LoadAsync(CancellationToken.None)).Single(t => t.Name == name);
        return (table.Generation, table.NeedsReindex);
    }
}
