using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>
/// Refuses an entry no later edit could change (issue 15, defect 8): its claim and index rows, over all its fields,
/// must stay within <see cref="TableLimits.MaxRowsPerEntry"/>, so that an edit replacing all of them fits in one
/// transaction. Checked for creates and users' edits; the CRM's own rewrites (reindexing, unlinking) are not refused.
/// </summary>
public static class EntryRowCap
{
    public static void Check(TableDefinition table, EntryImage image)
    {
        var rows = image.Claims.Count + image.Index.Count;
        if (rows <= TableLimits.MaxRowsPerEntry)
        {
            return;
        }
        var (field, fieldRows) = table.Fields
            .Select(f => (Field: f, Rows: image.Claims.Count(c => c.Field == f.Property) + image.Index.Count(x => x.Field == f.Property)))
            .MaxBy(p => p.Rows);
        throw CrmException.BadRequest(
            $"{field.Code} ({field.Name}) has {fieldRows} searchable or unique values, and this entry {rows} in all; an entry may have at most " +
            $"{TableLimits.MaxRowsPerEntry} (each takes an index row, and an edit must be able to replace them all in one storage transaction " +
            $"of at most {TableLimits.MaxTransactionActions} rows). Give fewer values, or make the field not searchable.");
    }
}
