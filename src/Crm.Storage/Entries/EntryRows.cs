using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Storage.Entries;

/// <summary>
/// The row layout of an entry, without I/O: which rows and transaction actions an entry image turns into,
/// and how read rows turn back into entries and index hits. <see cref="EntryStore"/> sends these; bulk
/// loaders (the benchmark's seeding) write exactly these too, so their layout cannot drift from the engine's.
/// </summary>
public static class EntryRows
{
    /// <summary>
    /// The rows a create writes for entry <paramref name="id"/>: the entry, its claims and its index rows (not the counter).
    /// </summary>
    public static List<TableTransactionAction> CreateActions(string table, long id, EntryImage image)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Entry(table, id, image)) };
        AddRowActions(actions, table, id, image, previousRows: new HashSet<string>(StringComparer.Ordinal));
        return actions;
    }

    /// <summary>
    /// The writes that turn the stored <paramref name="current"/> into <paramref name="image"/>: the entry replaced
    /// (first, guarded by the ETag it was read with), new claim and index rows added, stale ones deleted.
    /// </summary>
    public static List<TableTransactionAction> ReplaceActions(string table, long id, EntryImage image, TableEntity current)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, Entry(table, id, image), current.ETag) };
        AddRowActions(actions, table, id, image, previousRows: RowsOf(current));
        return actions;
    }

    /// <summary>The deletes of the entry (guarded by the ETag it was read with) and of every claim and index row it lists.</summary>
    public static List<TableTransactionAction> DeleteActions(string table, TableEntity current)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, current, current.ETag) };
        actions.AddRange(RowsOf(current).Select(rowKey =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table, rowKey), ETag.All)));
        return actions;
    }

    /// <summary>The write of the id counter: insert when <paramref name="etag"/> is default (no counter yet), else replace guarded by it.</summary>
    public static TableTransactionAction CounterAction(string table, long last, ETag etag)
    {
        var counter = new TableEntity(table, RowKeys.Counter) { [RowProperties.LastId] = last };
        return etag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, counter)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, etag);
    }

    /// <summary>The entry row: its non-empty values and the list of its claim and index rows.</summary>
    public static TableEntity Entry(string table, long id, EntryImage image)
    {
        var entity = new TableEntity(table, RowKeys.Entry(id));
        foreach (var (property, value) in image.Values)
        {
            if (value.Length > 0)
            {
                entity[property] = value;
            }
        }
        var rows = image.Claims.Select(c => RowKeys.Claim(c.Field, c.NormalizedValue))
            .Concat(image.Index.Select(x => RowKeys.Index(x.Field, x.NormalizedValue, id)));
        entity[RowProperties.Rows] = string.Join('\n', rows);
        return entity;
    }

    /// <summary>The RowKeys of the claim and index rows an entry row lists.</summary>
    public static HashSet<string> RowsOf(TableEntity entity) =>
        (entity.GetString(RowProperties.Rows) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static StoredEntry ToStoredEntry(TableEntity entity)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (value is string text && name != RowProperties.Rows && !RowProperties.IsSystem(name))
            {
                values[name] = text;
            }
        }
        return new StoredEntry(RowKeys.EntryId(entity.RowKey), values) { Version = entity.ETag == default ? null : entity.ETag.ToString() };
    }

    /// <summary>An index row as read: the entry it points to, the properties copied onto it, the value it indexes.</summary>
    public static IndexHit ToIndexHit(TableEntity row)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            if (value is string text && name != RowProperties.IndexedValue && !RowProperties.IsSystem(name))
            {
                properties[name] = text;
            }
        }
        return new IndexHit(RowKeys.IndexId(row.RowKey), properties, IndexedValue(row));
    }

    /// <summary>False when a claim's key stands for another value (a hashed key segment shared by two values).</summary>
    public static bool ClaimHolds(TableEntity claim, string normalizedValue) =>
        claim.GetString(RowProperties.IndexedValue) is not { } stored || stored == normalizedValue;

    /// <summary>The normalized value an index row indexes: from its key, or from the row when the key was cut.</summary>
    public static string IndexedValue(TableEntity row) =>
        row.GetString(RowProperties.IndexedValue) ?? KeyEscaper.Unescape(RowKeys.IndexSegment(row.RowKey));

    /// <summary>Adds the claim and index row writes that turn <paramref name="previousRows"/> into the rows of <paramref name="image"/>.</summary>
    private static void AddRowActions(List<TableTransactionAction> actions, string table, long id, EntryImage image, HashSet<string> previousRows)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in image.Claims)
        {
            var rowKey = RowKeys.Claim(claim.Field, claim.NormalizedValue);
            if (wanted.Add(rowKey) && !previousRows.Contains(rowKey))
            {
                var row = new TableEntity(table, rowKey) { [RowProperties.ClaimHolder] = id, [RowProperties.ClaimField] = claim.Field };
                if (KeyEscaper.IsTruncated(rowKey))
                {
                    row[RowProperties.IndexedValue] = claim.NormalizedValue; // the key holds a hash: keep the value to compare
                }
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            }
        }
        foreach (var index in image.Index)
        {
            var rowKey = RowKeys.Index(index.Field, index.NormalizedValue, id);
            if (!wanted.Add(rowKey) || (previousRows.Contains(rowKey) && index.Properties is null))
            {
                continue;
            }
            var row = new TableEntity(table, rowKey);
            if (KeyEscaper.IsTruncated(RowKeys.IndexSegment(rowKey)))
            {
                row[RowProperties.IndexedValue] = index.NormalizedValue;
            }
            foreach (var (name, value) in index.Properties ?? new Dictionary<string, string>())
            {
                row[name] = value;
            }
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        foreach (var stale in previousRows.Where(rowKey => !wanted.Contains(rowKey)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table, stale), ETag.All));
        }
    }
}
