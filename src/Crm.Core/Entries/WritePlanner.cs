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
/// Checks a create or an edit in full before anything is written, so a refused call changes nothing: value formats,
/// dictionary values, references, the right to add a reference's new target (and that target's own checks),
/// required fields, taken unique values and, for a create, the storage limits of the whole entry. What the write
/// must do first is listed in the <see cref="WritePlan"/>, not done: values an open dictionary learns, targets to create.
/// </summary>
internal sealed class WritePlanner(EntryReader reader, SchemaCatalog schema, DictionaryValues dictionaries)
{
    /// <summary>Stands for the id of a reference target not created yet; the largest id, so size checks see the worst case.</summary>
    public static readonly string PendingId = long.MaxValue.ToString(CultureInfo.InvariantCulture);

    private EntryStore Store => reader.Store;

    /// <param name="id">The entry being changed; null for a create.</param>
    public async Task<WritePlan> PlanAsync(TableDefinition table, long? id, IReadOnlyList<FieldInput> inputs, CrmUser user, CancellationToken cancellationToken)
    {
        var plan = new WritePlan(table);
        var values = plan.Values;
        foreach (var input in inputs.Where(i => i.Field.Type is not (FieldType.Reference or FieldType.Dictionary or FieldType.Multi)))
        {
            values[input.Field.Property] = ValueFormats.ToStored(input.Field, input.Value);
        }
        foreach (var input in inputs.Where(i => i.Field.Type is FieldType.Dictionary or FieldType.Multi))
        {
            var (stored, newValues) = input.Value.Trim().Length == 0 ? ("", []) : await dictionaries.MatchAsync(input.Field, input.Value, cancellationToken);
            values[input.Field.Property] = stored;
            plan.Learn.AddRange(newValues.Select(value => (input.Field, value)));
        }
        foreach (var input in inputs.Where(i => i.Field.Type == FieldType.Reference))
        {
            values[input.Field.Property] = input.Value.Trim().Length == 0 ? "" : await ResolveReferenceAsync(plan, input, user, cancellationToken);
        }
        if (id is null)
        {
            foreach (var field in table.Fields.Where(f => !values.ContainsKey(f.Property)))
            {
                if (DefaultSchema.DefaultValue(field) is { } fallback)
                {
                    values[field.Property] = fallback;
                }
            }
        }
        CheckRequired(table, values, onlyGiven: id is not null);
        if (plan.HasSideEffects)
        {
            // Otherwise the claim in the entry's own transaction is the check, and this read is saved.
            await RefuseTakenValuesAsync(table, id, values, cancellationToken);
        }
        if (id is null)
        {
            CheckFitsOneTransaction(table, values);
        }
        return plan;
    }

    public static void CheckRequired(TableDefinition table, Dictionary<string, string> values, bool onlyGiven = false)
    {
        foreach (var field in table.Fields.Where(f => f.Required))
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

    /// <summary>The id of an existing target, or <see cref="PendingId"/> with the target to create added to the plan.</summary>
    private async Task<string> ResolveReferenceAsync(WritePlan plan, FieldInput input, CrmUser user, CancellationToken cancellationToken)
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
        var title = new FieldInput(target.Title, text, input.ParameterName);
        // The new target is checked now like any create, so it cannot be refused once this entry's checks passed.
        await PlanAsync(target, null, [title], user, cancellationToken);
        plan.Create.Add(new PendingTarget(input.Field, target, title));
        return PendingId;
    }

    private async Task RefuseTakenValuesAsync(TableDefinition table, long? id, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        foreach (var field in table.Fields.Where(f => f.Unique && values.GetValueOrDefault(f.Property, "").Length > 0))
        {
            var holder = await Store.GetClaimHolderAsync(table.Name, field.Property, ValueFormats.SearchForm(field, values[field.Property]), cancellationToken);
            if (holder is { } taken && taken != id)
            {
                throw EntryWriter.Duplicate(table, new DuplicateValueException(field.Property, taken));
            }
        }
    }

    /// <summary>The storage limits of the entry's own transaction (a create writes counter, entry, claims and index rows at once) and the cap that keeps it editable.</summary>
    private static void CheckFitsOneTransaction(TableDefinition table, Dictionary<string, string> values)
    {
        var image = EntryImageBuilder.Build(table, values);
        EntryRowCap.Check(table, image);
        TableLimits.CheckTransaction([EntryRows.CounterAction(table.Name, long.MaxValue, default), .. EntryRows.CreateActions(table.Name, long.MaxValue, image)]);
    }
}

/// <summary>A checked write: its values (by property) and what must be done before the entry is written.</summary>
internal sealed class WritePlan(TableDefinition table)
{
    public TableDefinition Table => table;

    /// <summary>Stored values by property; a reference to a target not created yet holds <see cref="WritePlanner.PendingId"/>.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>New values open dictionaries learn.</summary>
    public List<(FieldDefinition Field, string Value)> Learn { get; } = [];

    /// <summary>Reference targets created from a new title.</summary>
    public List<PendingTarget> Create { get; } = [];

    public bool HasSideEffects => Learn.Count > 0 || Create.Count > 0;
}

internal sealed record PendingTarget(FieldDefinition Field, TableDefinition Target, FieldInput Title);
