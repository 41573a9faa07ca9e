using Azure;
using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;

namespace Crm.Rules.Tests.Entries;

/// <summary>The rows and transaction actions an entry image turns into, and reading rows back (no storage involved).</summary>
public sealed class EntryRowsTests
{
    private const string Table = "CLIENTS";
    private static readonly ETag ReadETag = new("W/\"datetime'2026-01-01T00%3A00%3A00Z'\"");

    private static readonly EntryImage Acme = new(
        new Dictionary<string, string> { ["f1"] = "Acme", ["f2"] = "", ["f4"] = "acme.example" },
        [new ClaimRow("f1", "acme")],
        [new IndexRow("f1", "acme"), new IndexRow("f4", "acme.example"), new IndexRow("f6", "7", new Dictionary<string, string> { ["T"] = "Acme" })]);

    [Fact]
    public void A_create_adds_the_entry_listing_its_rows_then_its_claims_then_upserts_its_index_rows()
    {
        Assert.Equal(
        [
            "Add e~000000000001 Rows=u~f1~acme|x~f1~acme~000000000001|x~f4~acme.example~000000000001|x~f6~7~000000000001 f1=Acme f4=acme.example",
            "Add u~f1~acme Field=f1 Id=1",
            "UpsertReplace x~f1~acme~000000000001",
            "UpsertReplace x~f4~acme.example~000000000001",
            "UpsertReplace x~f6~7~000000000001 T=Acme",
        ], Describe(EntryRows.CreateActions(Table, 1, Acme)));
    }

    [Theory]
    // previous rows of the entry, claims and index rows of the new image → the row actions after the entry's replace
    [InlineData("u~f1~acme|x~f1~acme~000000000001", "f1:acme", "f1:acme", "")]
    [InlineData("u~f1~acme|x~f1~acme~000000000001", "f1:acme corp", "f1:acme corp",
        "Add u~f1~acme corp Field=f1 Id=1;UpsertReplace x~f1~acme corp~000000000001;Delete u~f1~acme *;Delete x~f1~acme~000000000001 *")]
    [InlineData("u~f1~acme|x~f1~acme~000000000001|x~f4~old~000000000001", "f1:acme", "f1:acme", "Delete x~f4~old~000000000001 *")]
    [InlineData("", "f1:acme", "f1:acme|f4:new", "Add u~f1~acme Field=f1 Id=1;UpsertReplace x~f1~acme~000000000001;UpsertReplace x~f4~new~000000000001")]
    [InlineData("u~f1~acme|x~f1~acme~000000000001", "", "", "Delete u~f1~acme *;Delete x~f1~acme~000000000001 *")]
    public void A_replace_writes_the_entry_guarded_by_its_etag_and_only_the_rows_that_change(string previousRows, string claims, string index, string rowActions)
    {
        var current = new TableEntity(Table, RowKeys.Entry(1)) { [RowProperties.Rows] = previousRows.Replace('|', '\n'), ETag = ReadETag };
        var image = new EntryImage(new Dictionary<string, string> { ["f1"] = "x" }, Pairs(claims).Select(p => new ClaimRow(p.Field, p.Value)).ToList(),
            Pairs(index).Select(p => new IndexRow(p.Field, p.Value)).ToList());

        var actions = EntryRows.ReplaceActions(Table, 1, image, current);

        Assert.Equal(TableTransactionActionType.UpdateReplace, actions[0].ActionType);
        Assert.Equal(ReadETag, actions[0].ETag);
        Assert.Equal(RowKeys.Entry(1), actions[0].Entity.RowKey);
        Assert.Equal(rowActions, string.Join(';', Describe(actions.Skip(1))));
    }

    [Fact]
    public void An_unchanged_index_row_is_rewritten_when_it_carries_properties_so_copied_titles_follow_renames()
    {
        var current = new TableEntity(Table, RowKeys.Entry(1)) { [RowProperties.Rows] = "x~f6~7~000000000001", ETag = ReadETag };
        var image = new EntryImage(new Dictionary<string, string>(), [], [new IndexRow("f6", "7", new Dictionary<string, string> { ["T"] = "New title" })]);
        Assert.Equal(["UpsertReplace x~f6~7~000000000001 T=New title"], Describe(EntryRows.ReplaceActions(Table, 1, image, current).Skip(1)));
    }

    [Fact]
    public void A_delete_removes_the_entry_guarded_by_its_etag_and_every_row_it_lists()
    {
        var current = new TableEntity(Table, RowKeys.Entry(3)) { [RowProperties.Rows] = "u~f1~acme\nx~f1~acme~000000000003", ETag = ReadETag };
        var actions = EntryRows.DeleteActions(Table, current);
        Assert.Equal(ReadETag, actions[0].ETag);
        Assert.Equal(["Delete e~000000000003 Rows=u~f1~acme|x~f1~acme~000000000003", "Delete u~f1~acme *", "Delete x~f1~acme~000000000003 *"], Describe(actions));
    }

    [Fact]
    public void The_same_claim_or_index_row_twice_in_an_image_is_written_once()
    {
        var image = new EntryImage(new Dictionary<string, string>(), [new ClaimRow("f1", "a"), new ClaimRow("f1", "a")], [new IndexRow("f1", "a"), new IndexRow("f1", "a")]);
        Assert.Equal(["Add u~f1~a Field=f1 Id=5", "UpsertReplace x~f1~a~000000000005"], Describe(EntryRows.CreateActions(Table, 5, image).Skip(1)));
    }

    [Fact]
    public void An_index_row_whose_key_was_cut_carries_the_whole_value_and_reads_back_as_it()
    {
        var value = new string('v', 300);
        var image = new EntryImage(new Dictionary<string, string>(), [], [new IndexRow("f2", value)]);
        var row = (TableEntity)EntryRows.CreateActions(Table, 1, image)[1].Entity;
        Assert.True(KeyEscaper.IsTruncated(RowKeys.IndexSegment(row.RowKey)));
        Assert.Equal(value, row.GetString(RowProperties.IndexedValue));
        var hit = EntryRows.ToIndexHit(row);
        Assert.Equal((1L, value), (hit.Id, hit.Value));
        Assert.Empty(hit.Properties);
    }

    [Theory]
    [InlineData(0L, TableTransactionActionType.Add)]
    [InlineData(41L, TableTransactionActionType.UpdateReplace)]
    public void The_counter_is_inserted_the_first_time_and_replaced_under_its_etag_after(long previous, TableTransactionActionType type)
    {
        var etag = previous == 0 ? default : ReadETag;
        var action = EntryRows.CounterAction(Table, previous + 1, etag);
        Assert.Equal(type, action.ActionType);
        Assert.Equal(etag, action.ETag);
        Assert.Equal(RowKeys.Counter, action.Entity.RowKey);
        Assert.Equal(previous + 1, ((TableEntity)action.Entity).GetInt64(RowProperties.LastId));
    }

    [Fact]
    public void A_read_entry_holds_its_string_values_without_the_row_list_or_system_properties()
    {
        var row = EntryRows.Entry(Table, 9, Acme);
        row[RowProperties.Rows] = "u~f1~acme";
        row["odata.etag"] = "W/\"x\"";
        row["Timestamp"] = DateTimeOffset.UnixEpoch;
        row["f7"] = 3L;
        var entry = EntryRows.ToStoredEntry(row);
        Assert.Equal(9, entry.Id);
        Assert.Equal(["f1=Acme", "f4=acme.example"], entry.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
    }

    [Fact]
    public void A_read_index_row_gives_its_entry_its_copied_properties_and_its_value_from_the_key()
    {
        var row = new TableEntity(Table, RowKeys.Index("f6", "a~b", 12)) { ["T"] = "Acme", ["odata.etag"] = "W/\"x\"" };
        var hit = EntryRows.ToIndexHit(row);
        Assert.Equal((12L, "a~b"), (hit.Id, hit.Value));
        Assert.Equal(["T=Acme"], hit.Properties.Select(p => $"{p.Key}={p.Value}"));
    }

    private static IEnumerable<(string Field, string Value)> Pairs(string list) =>
        list.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':')).Select(p => (p[0], p[1]));

    /// <summary>"ActionType RowKey name=value…" with properties in name order, "*" for a delete of any version.</summary>
    private static List<string> Describe(IEnumerable<TableTransactionAction> actions) =>
        actions.Select(a =>
        {
            var entity = (TableEntity)a.Entity;
            var properties = entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag")).Order(StringComparer.Ordinal)
                .Select(k => $"{k}={Convert.ToString(entity[k], System.Globalization.CultureInfo.InvariantCulture)!.Replace('\n', '|')}");
            var any = a.ActionType == TableTransactionActionType.Delete && a.ETag == ETag.All ? " *" : "";
            return string.Join(' ', [$"{a.ActionType} {entity.RowKey}", .. properties]) + any;
        }).ToList();
}
