using System.Globalization;
using Crm.Core.Access;
using Crm.Core.Dictionaries;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>
/// Creates, changes and deletes entries. Every input is checked before anything is written; references
/// to new titles create their target first (when the user may), then the entry is written in one transaction.
/// </summary>
public sealed class EntryWriter(EntryReader reader, SchemaCatalog schema, DictionaryValues dictionaries)
{
    private EntryStore Store => reader.Store;

    public async Task<long> CreateAsync(TableDefinition table, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken)
    {
        var values = await ToStoredValuesAsync(table, null, inputs, user, cancellationToken);
        foreach (var field in table.Fields)
        {
            if (!values.ContainsKey(field.Property) && DefaultSchema.DefaultValue(field) is { } fallback)
            {
                values[field.Property] = fallback;
            }
        }
        CheckRequired(table, values);
        try
        {
            return await Store.CreateAsync(table.Name, EntryImageBuilder.Build(table, values), cancellationToken);
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

    /// <summary>Changes only the fields given; an empty value clears a field.</summary>
    /// <remarks>Callers have located the entry already (so a missing one fails before a reference creates anything); the write itself rereads it under its ETag.</remarks>
    public async Task UpdateAsync(TableDefinition table, long id, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken)
    {
        var changes = await ToStoredValuesAsync(table, id, inputs, user, cancellationToken);
        await ReplaceAsync(table, id, current =>
        {
            foreach (var (property, value) in changes)
            {
                current[property] = value;
            }
        }, cancellationToken);
    }

    /// <summary>Rewrites an entry's values (and so its claim and index rows) under the ETag guard.</summary>
    /// <param name="checkRequired">
    /// False for the CRM's own rewrites (unlinking, re-indexing): an entry older than a required field must not
    /// stop them half-way; only a user's change has to supply it.
    /// </param>
    public async Task ReplaceAsync(
        TableDefinition table, long id, Action<Dictionary<string, string>> change, CancellationToken cancellationToken, bool checkRequired = true)
    {
        try
        {
            await Store.UpdateAsync(table.Name, id, current =>
            {
                var values = new Dictionary<string, string>(current.Values, StringComparer.Ordinal);
                change(values);
                if (checkRequired)
                {
                    CheckRequired(table, values);
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
    public async Task DeleteAsync(TableDefinition table, long id, CancellationToken cancellationToken)
    {
        try
        {
            await Store.DeleteAsync(table.Name, id, cancellationToken);
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

    /// <param name="id">The entry being changed; null for a create.</param>
    private async Task<Dictionary<string, string>> ToStoredValuesAsync(
        TableDefinition table, long? id, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        // Plain values first: a bad one must fail the call before a reference creates anything.
        foreach (var input in inputs.Where(i => i.Field.Type is not (FieldType.Reference or FieldType.Dictionary or FieldType.Multi)))
        {
            values[input.Field.Property] = ValueFormats.ToStored(input.Field, input.Value);
        }
        if (await HasSideEffectsBeforeWriteAsync(inputs, cancellationToken))
        {
            await RefuseTakenValuesAsync(table, id, values, cancellationToken);
        }
        foreach (var input in inputs.Where(i => i.Field.Type is FieldType.Dictionary or FieldType.Multi))
        {
            values[input.Field.Property] = input.Value.Trim().Length == 0 ? "" : await dictionaries.ToStoredAsync(input.Field, input.Value, cancellationToken);
        }
        CheckRequired(table, values, onlyGiven: true);
        foreach (var input in inputs.Where(i => i.Field.Type == FieldType.Reference))
        {
            values[input.Field.Property] = input.Value.Trim().Length == 0 ? "" : await ResolveReferenceAsync(input, user, cancellationToken);
        }
        return values;
    }

    /// <summary>
    /// A unique value another entry holds is refused before references create their targets or open dictionaries
    /// learn values, so the refused call leaves nothing behind. The claim in the entry's own transaction stays the
    /// guard against a racing writer.
    /// </summary>
    /// <summary>
    /// A reference may create its target, and an open dictionary may learn a value, before the entry is written.
    /// Only then is a taken unique value refused up front (one read per unique field), so such a call leaves
    /// nothing behind; otherwise the claim in the entry's own transaction is the check.
    /// </summary>
    private async Task<bool> HasSideEffectsBeforeWriteAsync(IReadOnlyList<FieldInput> inputs, CancellationToken cancellationToken)
    {
        foreach (var input in inputs.Where(i => i.Value.Trim().Length > 0))
        {
            if (input.Field.Type == FieldType.Reference
                || (input.Field.Type is FieldType.Dictionary or FieldType.Multi && await dictionaries.MayLearnAsync(input.Field, cancellationToken)))
            {
                return true;
            }
        }
        return false;
    }

    private async Task RefuseTakenValuesAsync(TableDefinition table, long? id, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        foreach (var field in table.Fields.Where(f => f.Unique && values.GetValueOrDefault(f.Property, "").Length > 0))
        {
            var holder = await Store.GetClaimHolderAsync(table.Name, field.Property, ValueFormats.SearchForm(field, values[field.Property]), cancellationToken);
            if (holder is { } taken && taken != id)
            {
                throw Duplicate(table, new DuplicateValueException(field.Property, taken));
            }
        }
    }

    private async Task<string> ResolveReferenceAsync(FieldInput input, CrmUser user, CancellationToken cancellationToken)
    {
        var target = await schema.GetTableAsync(input.Field.TargetTable!, cancellationToken);
        var text = input.Value.Trim();
        if (EntryReader.LooksLikeId(text))
        {
            var id = EntryReader.ParseId(text, input.ParameterName);
            if (await Store.GetAsync(target.Name, id, cancellationToken) is not null)
            {
                return id.ToString(CultureInfo.InvariantCulture);
            }
            if (text.StartsWith('('))
            {
                throw CrmException.NotFound($"{target.Name} has no entry with id {id} ({input.ParameterName}).");
            }
        }
        var ids = await reader.FindByTitleAsync(target, text, cancellationToken);
        if (ids.Count > 1)
        {
            throw CrmException.BadRequest($"'{text}' names {ids.Count} entries of {target.Name} (ids {string.Join(", ", ids.Take(10))}); give the id as ({ids[0]}).");
        }
        if (ids.Count == 1)
        {
            return ids[0].ToString(CultureInfo.InvariantCulture);
        }
        if (EntryReader.LooksLikeId(text))
        {
            // A bare number that is neither an id nor a title is a mistyped id, not a new entry called "999".
            throw CrmException.NotFound($"{target.Name} has no entry with id or name '{text}' ({input.ParameterName}).");
        }
        if (!user.Has(CrmRights.Add(target.Name)))
        {
            throw CrmException.NotFound($"{target.Name} has no entry named '{text}', and you may not add one ({CrmRights.Add(target.Name)}).");
        }
        var titleInput = new FieldInput(target.Title, text, input.ParameterName);
        try
        {
            return (await CreateAsync(target, [titleInput], user, cancellationToken)).ToString(CultureInfo.InvariantCulture);
        }
        catch (CrmException duplicate) when (duplicate.Code == ErrorCode.Duplicate && duplicate.ExistingId is not null)
        {
            // Someone created it a moment ago: link to theirs.
            return duplicate.ExistingId;
        }
    }

    private static void CheckRequired(TableDefinition table, Dictionary<string, string> values, bool onlyGiven = false)
    {
        foreach (var field in table.Fields.Where(f => f.Required || f.IsTitle && f.Required))
        {
            var given = values.TryGetValue(field.Property, out var value);
            if (onlyGiven && !given)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                throw CrmException.BadRequest($"{field.Code} ({field.Name}) is required and cannot be empty.");
            }
        }
    }

    /// <summary>A size refusal naming the field (by code and name) rather than its storage property.</summary>
    private static CrmException TooLarge(TableDefinition table, StorageLimitException limit)
    {
        var field = table.Fields.FirstOrDefault(f => f.Property == limit.Property);
        var named = field is null ? limit.Message : limit.Message.Replace($"({limit.Property})", $"({field.Code}, \"{field.Name}\")", StringComparison.Ordinal);
        return CrmException.BadRequest(named);
    }

    private static CrmException Duplicate(TableDefinition table, DuplicateValueException duplicate)
    {
        var field = table.Fields.FirstOrDefault(f => f.Property == duplicate.Field);
        var id = duplicate.ExistingId.ToString(CultureInfo.InvariantCulture);
        return new CrmException(ErrorCode.Duplicate,
            $"{table.Name} already has an entry (id {id}) with this {field?.Code ?? duplicate.Field}; it must be unique.")
        { ExistingId = id };
    }
}
