using Crm.Core.Endpoint;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries.Versions;

/// <summary>
/// The <c>If-Match</c> of an edit, delete or upsert with an id, checked against the entry of one table. The writer checks
/// it on the very read whose storage ETag guards the write, so a version that changes in between makes the write lose
/// its race, read again and refuse: a stale version can never be written over.
/// </summary>
public sealed class EntryPrecondition(TableDefinition table, IfMatchCondition condition)
{
    /// <summary>The call's condition on entries of <paramref name="table"/>; null when it sends none.</summary>
    public static EntryPrecondition? Of(RequestParameters parameters, TableDefinition table) =>
        IfMatchCondition.Parse(parameters.Get(IfMatchHeader.Parameter)) is { } condition ? new EntryPrecondition(table, condition) : null;

    /// <summary>A create has no current version to match (RFC 9110: <c>If-Match</c>, even <c>*</c>, fails without one).</summary>
    public static void RefuseForCreate(RequestParameters parameters)
    {
        if (IfMatchCondition.Parse(parameters.Get(IfMatchHeader.Parameter)) is not null)
        {
            throw new CrmException(ErrorCode.PreconditionFailed, "If-Match names a version of an existing entry; this call creates one. Give the id to edit, or send no If-Match.");
        }
    }

    /// <summary>Throws <c>precondition_failed</c> (with the current tag) when <paramref name="current"/> is not the version named.</summary>
    public void Check(StoredEntry current)
    {
        var tag = EntryVersions.Tag(table.Name, current);
        if (!condition.Matches(tag))
        {
            throw new CrmException(ErrorCode.PreconditionFailed,
                $"Entry {current.Id} of {table.Name} has changed since the version given in If-Match; nothing was written. Its current version is in the ETag header.")
            {
                CurrentETag = tag,
            };
        }
    }
}
