using System.Text.RegularExpressions;
using Crm.Core.Dictionaries;
using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>
/// Changes to tables and fields. A change of a field's unique or searchable flag rebuilds the claim and
/// index rows of every entry at once; the table is marked first, so that a rebuild cut short is finished
/// by the sync job's maintenance pass. Every change that affects entries' rows bumps the table's schema
/// generation and tells the table's partition, so writes planned with the old schema are planned again.
/// </summary>
public sealed partial class SchemaAdmin(SchemaCatalog catalog, DictionaryCatalog dictionaries, EntryStore entries, TableReindexer reindexer)
{
    public async Task<TableDefinition> AddTableAsync(string name, string titleName, CancellationToken cancellationToken)
    {
        var tableName = name.Trim().ToUpperInvariant();
        if (!TableNamePattern().IsMatch(tableName))
        {
            throw CrmException.BadRequest($"'{name}' is not a valid table name: letters, digits and _ (starting with a letter, at most 40).");
        }
        var title = new FieldDefinition(tableName, tableName.ToLowerInvariant() + "_name", ValueTidy(titleName), FieldType.Text, "f1", 1, IsTitle: true, Required: true);
        var table = new TableDefinition(tableName, "records", [title]);
        if (!await catalog.AddTableAsync(table, cancellationToken))
        {
            throw new CrmException(ErrorCode.Duplicate, $"The table {tableName} exists already.");
        }
        return table;
    }

    public async Task<FieldDefinition> AddFieldAsync(TableDefinition table, FieldDefinition requested, CancellationToken cancellationToken)
    {
        if (table.FindByCode(requested.Code) is not null)
        {
            throw new CrmException(ErrorCode.Duplicate, $"{table.Name} has a field with the code '{requested.Code}' already.");
        }
        await CheckFieldAsync(table, requested, cancellationToken);
        if (table.Fields.Count >= TableLimits.MaxCustomProperties - 2)
        {
            throw CrmException.BadRequest($"{table.Name} has the most fields a table can hold.");
        }
        await EnsureDictionaryAsync(requested, cancellationToken);
        var added = await catalog.AddFieldAsync(table.Name, (property, order) => requested with { Property = property, Order = order }, cancellationToken)
            ?? throw new CrmException(ErrorCode.Duplicate, $"{table.Name} has a field with the code '{requested.Code}' already.");
        await RaiseGenerationAsync(table.Name, cancellationToken);
        return added;
    }

    public async Task<FieldDefinition> EditFieldAsync(TableDefinition table, FieldDefinition current, FieldDefinition wanted, CancellationToken cancellationToken)
    {
        if (wanted.Type != current.Type)
        {
            throw CrmException.BadRequest($"The type of {current.Code} cannot change ({current.Type} to {wanted.Type}); add a new field instead.");
        }
        if (current.IsTitle && (!wanted.Required))
        {
            throw CrmException.BadRequest($"{current.Code} is the title of {table.Name} and stays required.");
        }
        await CheckFieldAsync(table, wanted, cancellationToken);
        var rebuild = wanted.IsIndexed != current.IsIndexed || wanted.Unique != current.Unique;
        if (wanted.Unique && !current.Unique)
        {
            await RefuseDuplicatesAsync(table, current, cancellationToken);
        }
        await EnsureDictionaryAsync(wanted, cancellationToken);
        await catalog.UpdateFieldAsync(wanted, markReindex: rebuild, cancellationToken);
        if (rebuild)
        {
            await RaiseGenerationAsync(table.Name, cancellationToken);
            await RebuildAsync(table.Name, cancellationToken);
        }
        return wanted;
    }

    public async Task RemoveFieldAsync(TableDefinition table, FieldDefinition field, CancellationToken cancellationToken)
    {
        if (field.IsTitle)
        {
            throw CrmException.BadRequest($"{field.Code} is the title of {table.Name} and cannot be removed.");
        }
        // Marks the table too: its claim and index rows go when each entry is next rewritten, the maintenance pass does it for all.
        await catalog.RemoveFieldAsync(field, cancellationToken);
        await RaiseGenerationAsync(table.Name, cancellationToken);
    }

    /// <summary>Rewrites the entries of the table written with an older schema, so their claim and index rows follow the current one (see <see cref="TableReindexer"/>).</summary>
    public async Task<int> RebuildAsync(string tableName, CancellationToken cancellationToken) =>
        (await reindexer.ReindexAsync(await catalog.GetCurrentTableAsync(tableName, cancellationToken), cancellationToken)).Rewritten;

    /// <summary>Tells the table's partition the generation the schema change just wrote: creates planned before it are refused from now on.</summary>
    private async Task RaiseGenerationAsync(string tableName, CancellationToken cancellationToken)
    {
        var table = await catalog.GetCurrentTableAsync(tableName, cancellationToken);
        await entries.RaiseGenerationAsync(table.Name, table.Generation, cancellationToken);
    }

    private async Task RefuseDuplicatesAsync(TableDefinition table, FieldDefinition field, CancellationToken cancellationToken)
    {
        // Normalized value → the first spelling seen and the ids holding it, so the refusal can name both.
        var seen = new Dictionary<string, (string Spelling, List<long> Ids)>(StringComparer.Ordinal);
        await foreach (var page in entries.ListAsync(table.Name, cancellationToken))
        {
            foreach (var entry in page)
            {
                var value = entry.Get(field.Property);
                if (value.Length == 0)
                {
                    continue;
                }
                var key = ValueFormats.SearchForm(field, value);
                if (!seen.TryGetValue(key, out var holders))
                {
                    seen[key] = holders = (value, []);
                }
                holders.Ids.Add(entry.Id);
            }
        }
        var duplicates = seen.Values.Where(v => v.Ids.Count > 1).OrderBy(v => v.Ids[0]).ToList();
        if (duplicates.Count > 0)
        {
            var listed = duplicates.Take(20).Select(d => $"'{d.Spelling}' (ids {string.Join(", ", d.Ids.Take(10))})");
            throw CrmException.BadRequest(
                $"{field.Code} cannot become unique: these values occur more than once: {string.Join(", ", listed)}{(duplicates.Count > 20 ? " …" : "")}.");
        }
    }

    private async Task CheckFieldAsync(TableDefinition table, FieldDefinition field, CancellationToken cancellationToken)
    {
        if (!FieldCodePattern().IsMatch(field.Code))
        {
            throw CrmException.BadRequest($"'{field.Code}' is not a valid field code: letters, digits, _ and -, at most 100.");
        }
        if (ReservedFieldCodes.IsReserved(field.Code))
        {
            throw CrmException.BadRequest(
                $"'{field.Code}' is reserved: answers use it as a key beside the field codes ({ReservedFieldCodes.List}). " +
                "Choose another code; a field stored under it earlier can only be removed (removefield).");
        }
        if (string.IsNullOrWhiteSpace(field.Name))
        {
            throw CrmException.BadRequest("The parameter 'fieldName' is required.");
        }
        if (field.Type is FieldType.Dictionary or FieldType.Multi)
        {
            if (string.IsNullOrWhiteSpace(field.Dictionary))
            {
                throw CrmException.BadRequest($"A {field.Type.ToString().ToLowerInvariant()} field needs 'dictionaryName'.");
            }
        }
        if (field.Type == FieldType.Reference)
        {
            if (string.IsNullOrWhiteSpace(field.TargetTable))
            {
                throw CrmException.BadRequest("A reference field needs 'targetTable'.");
            }
            _ = await catalog.GetTableAsync(field.TargetTable, cancellationToken);
        }
        if (field.Type == FieldType.Computed)
        {
            throw CrmException.BadRequest("Computed fields are built in; they cannot be added.");
        }
        // Compared as field parameters look names up, so that no two fields can answer to one crm_param_N name.
        var sameName = table.Fields.FirstOrDefault(f => f.Code != field.Code && ValueNormalizer.Normalize(f.Name) == ValueNormalizer.Normalize(field.Name));
        if (sameName is not null)
        {
            throw new CrmException(ErrorCode.Duplicate, $"{table.Name} has a field named '{field.Name}' already ({sameName.Code}).");
        }
    }

    /// <summary>Creates a dictionary field's dictionary (closed, empty) if it is new; done last, so a refused change creates nothing.</summary>
    private async Task EnsureDictionaryAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        if (field.Type is FieldType.Dictionary or FieldType.Multi && !string.IsNullOrWhiteSpace(field.Dictionary))
        {
            await dictionaries.CreateAsync(field.Dictionary, open: false, [], cancellationToken);
        }
    }

    private static string ValueTidy(string text) => ValueNormalizer.Tidy(text.Trim());

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex FieldCodePattern();
}
