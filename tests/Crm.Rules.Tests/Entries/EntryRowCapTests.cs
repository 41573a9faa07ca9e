using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Rules.Tests.Entries;

/// <summary>
/// Issue 15, defects 8 and 9 as rules: the cap on an entry's claim and index rows (over all its fields) that keeps
/// every edit within one transaction, and the schema generation an entry is stamped with.
/// </summary>
public sealed class EntryRowCapTests
{
    private static readonly TableDefinition Table = new("T", "records",
    [
        new("T", "title", "Title", FieldType.Text, "f1", 1, IsTitle: true, Unique: true),
        new("T", "tags", "Tags", FieldType.Multi, "f2", 2, Searchable: true, Dictionary: "Tags"),
        new("T", "labels", "Labels", FieldType.Multi, "f3", 3, Searchable: true, Dictionary: "Tags"),
    ], Generation: 7);

    [Fact]
    public void The_cap_leaves_room_for_an_edit_that_replaces_every_row_with_its_entry_write_token_and_call_record()
    {
        Assert.Equal(48, TableLimits.MaxRowsPerEntry);
        Assert.True(TableLimits.FixedRowsPerEdit + 2 * TableLimits.MaxRowsPerEntry <= TableLimits.MaxTransactionActions);
    }

    [Theory]
    [InlineData(46, 0)]
    [InlineData(20, 26)]
    public void An_entry_with_48_rows_in_all_passes(int tags, int labels) =>
        EntryRowCap.Check(Table, Image(tags, labels));

    [Theory]
    [InlineData(47, 0, "tags (Tags) has 47")]
    [InlineData(20, 27, "labels (Labels) has 27")]
    [InlineData(60, 0, "tags (Tags) has 60")]
    public void One_row_more_over_all_fields_is_refused_naming_the_fullest_field_and_the_cap(int tags, int labels, string named)
    {
        var refused = Assert.Throws<CrmException>(() => EntryRowCap.Check(Table, Image(tags, labels)));
        Assert.Equal(ErrorCode.BadRequest, refused.Code);
        Assert.Contains(named, refused.Details, StringComparison.Ordinal);
        Assert.Contains("at most 48", refused.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_is_stamped_with_the_generation_of_the_schema_it_was_built_with_and_reads_back_with_it()
    {
        var image = Image(1, 0);
        Assert.Equal(7, image.Generation);
        var row = EntryRows.Entry("T", 3, image);
        Assert.Equal(7L, row.GetInt64(RowProperties.Generation));
        Assert.Equal(7, EntryRows.ToStoredEntry(row).Generation);
        Assert.DoesNotContain(RowProperties.Generation, EntryRows.ToStoredEntry(row).Values.Keys);
        Assert.False(EntryRows.Entry("T", 3, image with { Generation = 0 }).ContainsKey(RowProperties.Generation));
    }

    private static EntryImage Image(int tags, int labels) => EntryImageBuilder.Build(Table, new Dictionary<string, string>
    {
        ["f1"] = "Entry",
        ["f2"] = string.Join(',', Enumerable.Range(1, tags).Select(i => $"t{i}")),
        ["f3"] = string.Join(',', Enumerable.Range(1, labels).Select(i => $"l{i}")),
    });
}
