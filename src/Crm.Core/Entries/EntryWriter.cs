using System.Globalization;
using Crm.Core.Access;
using Crm.Core.Dictionaries;
using Crm.Core.Entries.Versions;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>
/// Creates, changes and deletes entries. Every input is checked before anything is written (<see cref="WritePlanner"/>);
/// then open dictionaries learn new values and references to new titles create their target, and the entry is
/// written in one transaction.
/// </summary>
public sealed class EntryWriter(EntryReader reader, SchemaCatalog schema, DictionaryValues dictionaries)
{
    private readonly WritePlanner _planner = new(reader, schema, dictionaries);

    private EntryStore Store => reader.Store;

    public async Task<long> CreateAsync(TableDefinition table, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken) =>
        (await CreateEntryAsync(table, inputs, user, cancellationToken)).Id;

    /// <summary><see cref="CreateAsync"/>, answering the new entry's version too.</summary>
    public async Task<WrittenEntry> CreateEntryAsync(TableDefinition table, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken)
    {
        var plan = await _planner.PlanAsync(table, null, inputs, user, cancellationToken);
        var values = await CarryOutAsync(plan, user, cancellationToken);
        try
        {
            return await Store.CreateEntryAsync(table.Name, EntryImageBuilder.Build(table, values), cancellationToken);
        }
        catch (DuplicateValueException duplicate)
        {
            throw Duplicate(table, duplicate);
        }
        catch (StorageLimitException limit) when (limit.Property is not null)
        {
            throw TooLarge(table, limit);
        }
    }

    /// <summary>Changes only the fields given; an empty value clears a field. Returns the entry as written.</summary>
    /// <remarks>
    /// Callers have located the entry already (so a missing one fails before a reference creates anything) and checked
    /// its <paramref name="precondition"/> on that read (so a stale one fails before a dictionary learns a value); the
    /// write itself rereads it under its ETag and checks again.
    /// </remarks>
    public async Task<StoredEntry> UpdateAsync(
        TableDefinition table, long id, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken, EntryPrecondition? precondition = null)
    {
        var plan = await _planner.PlanAsync(table, id, inputs, user, cancellationToken);
        var changes = await CarryOutAsync(plan, user, cancellationToken);
        return await ReplaceAsync(table, id, current =>
        {
            foreach (var (property, value) in changes)
            {
                current[property] = value;
            }
        }, cancellationToken, precondition: precondition);
    }

    /// <summary>Rewrites an entry's values (and so its claim and index rows) under the ETag guard.</summary>
    /// <param name="checkRequired">
    /// False for the CRM's own rewrites (unlinking, re-indexing): an entry older than a required field must not
    /// stop them half-way; only a user's change has to supply it.
    /// </param>
    /// <param name="precondition">The caller's <c>If-Match</c>, checked on the read whose ETag guards the write.</param>
    public async Task<StoredEntry> ReplaceAsync(
        TableDefinition table, long id, Action<Dictionary<string, string>> change, CancellationToken cancellationToken,
        bool checkRequired = true, EntryPrecondition? precondition = null)
    {
        try
        {
            return await Store.UpdateAsync(table.Name, id, current =>
            {
                precondition?.Check(current);
                var values = new Dictionary<string, string>(current.Values, StringComparer.Ordinal);
                change(values);
                if (checkRequired)
                {
                    WritePlanner.CheckRequired(table, values);
                }
                return Task.FromResult(EntryImageBuilder.Build(table, values));
            }, cancellationToken);
        }
        catch (DuplicateValueException duplicate)
        {
            throw Duplicate(table, duplicate);
        }
        catch (StorageLimitException limit) when (limit.Property is not null)
        {
            throw TooLarge(table, limit);
        }
        catch (EntryNotFoundException)
        {
            throw CrmException.NotFound($"{table.Name} has no entry with id {id}.");
        }
    }

    /// <summary>Deletes the entry, then clears the references other entries hold to it (a crash in between leaves a dangling reference, which reads as empty).</summary>
    public async Task DeleteAsync(TableDefinition table, long id, CancellationToken cancellationToken, EntryPrecondition? precondition = null)
    {
        try
        {
            await Store.DeleteAsync(table.Name, id, cancellationToken, precondition is null ? null : precondition.Check);
        }
        catch (EntryNotFoundException)
        {
            throw CrmException.NotFound($"{table.Name} has no entry with id {id}.");
        }
        await UnlinkReferencesToAsync(table.Name, id, cancellationToken);
    }

    public async Task UnlinkReferencesToAsync(string targetTable, long id, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        foreach (var source in await schema.GetTablesAsync(cancellationToken))
        {
            foreach (var field in source.Fields.Where(f => f.Type == FieldType.Reference && f.TargetTable == targetTable))
            {
                var holders = new List<long>();
                await foreach (var hit in Store.FindAsync(source.Name, field.Property, ReferenceKeys.Of(id), prefix: false, cancellationToken))
                {
                    holders.Add(hit.Id);
                }
                foreach (var holder in holders)
                {
                    await ClearIfStillAsync(source, holder, field, key, cancellationToken);
                }
            }
        }
    }

    private async Task ClearIfStillAsync(TableDefinition table, long id, FieldDefinition field, string value, CancellationToken cancellationToken)
    {
        try
        {
            await ReplaceAsync(table, id, values =>
            {
                if (values.GetValueOrDefault(field.Property) == value)
                {
                    values.Remove(field.Property);
                }
            }, cancellationToken, checkRequired: false);
        }
        catch (CrmException missing) when (missing.Code == ErrorCode.NotFound)
        {
            // Deleted meanwhile: nothing left to unlink.
        }
    }

    /// <summary>
    /// What a checked write needs before its entry: open dictionaries learn their new values, and new reference
    /// targets are created (or, when someone created one a moment ago, linked). Returns the values with their ids.
    /// </summary>
    private async Task<Dictionary<string, string>> CarryOutAsync(WritePlan plan, CrmUser user, CancellationToken cancellationToken)
    {
        if (plan.HasSideEffects)
        {
            // The entry's own transaction would find an earlier call with the same Idempotency-Key only after these.
            await Store.ThrowIfCallRecordedAsync(plan.Table.Name, cancellationToken);
        }
        foreach (var (field, value) in plan.Learn)
        {
            await dictionaries.LearnAsync(field, value, cancellationToken);
        }
        foreach (var pending in plan.Create)
        {
            plan.Values[pending.Field.Property] = await CreateTargetAsync(pending, user, cancellationToken);
        }
        return plan.Values;
    }

    private async Task<string> CreateTargetAsync(PendingTarget pending, CrmUser user, CancellationToken cancellationToken)
    {
        try
        {
            return (await CreateAsync(pending.Target, [pending.Title], user, cancellationToken)).ToString(CultureInfo.InvariantCulture);
        }
        catch (CrmException duplicate) when (duplicate.Code == ErrorCode.Duplicate && duplicate.ExistingId is not null)
        {
            // Someone created it a moment ago: link to theirs.
            return duplicate.ExistingId;
        }
    }

    /// <summary>A size refusal naming the field (by code and name) rather than its storage property.</summary>
    private static CrmException TooLarge(TableDefinition table, StorageLimitException limit)
    {
        var field = table.Fields.FirstOrDefault(f => f.Property == limit.Property);
        var named = field is null ? limit.Message : limit.Message.Replace($"({limit.Property})", $"({field.Code}, \"{field.Name}\")", StringComparison.Ordinal);
        return CrmException.BadRequest(named);
    }

    internal static CrmException Duplicate(TableDefinition table, DuplicateValueException duplicate)
    {
        var field = table.Fields.FirstOrDefault(f => f.Property == duplicate.Field);
        var id = duplicate.ExistingId.ToString(CultureInfo.InvariantCulture);
        return new CrmException(ErrorCode.Duplicate,
            $"{table.Name} already has an entry (id {id}) with this {field?.Code ?? duplicate.Field}; it must be unique.")
        { ExistingId = id };
    }
}
