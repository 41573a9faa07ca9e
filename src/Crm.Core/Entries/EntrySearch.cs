using System.Globalization;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>
/// Search answered from index rows (docs/api.md#searchentities): pairs ANDed, case-insensitive full match after
/// normalization, trailing <c>*</c> for a prefix, reference fields by the target's id or title.
/// Its cost grows with the number of matches, never with the size of the table.
/// </summary>
public sealed class EntrySearch(EntryStore store, SchemaCatalog schema)
{
    /// <summary>The ids matching every criterion, in id order.</summary>
    public async Task<IReadOnlyList<long>> FindIdsAsync(TableDefinition table, IReadOnlyList<FieldInput> criteria, CancellationToken cancellationToken)
    {
        var sets = await Task.WhenAll(criteria.Select(c => IdsMatchingAsync(table, c, cancellationToken)));
        IEnumerable<long> result = sets.OrderBy(s => s.Count).First();
        foreach (var set in sets.OrderBy(s => s.Count).Skip(1))
        {
            result = result.Where(set.Contains);
        }
        return result.Order().ToList();
    }

    private async Task<HashSet<long>> IdsMatchingAsync(TableDefinition table, FieldInput criterion, CancellationToken cancellationToken)
    {
        var field = criterion.Field;
        if (!field.IsIndexed)
        {
            throw CrmException.BadRequest(
                $"{field.Code} ({field.Name}) is not searchable. Searchable fields of {table.Name}: {string.Join(", ", table.Fields.Where(f => f.IsIndexed).Select(f => f.Code))}. An admin can mark it with editfield&searchable=true.");
        }
        var raw = criterion.Value.Trim();
        var prefix = raw.EndsWith('*');
        var term = prefix ? raw[..^1].TrimEnd() : raw;
        if (field.Type == FieldType.Reference)
        {
            return await IdsReferencingAsync(table, field, term, prefix, criterion.ParameterName, cancellationToken);
        }
        var value = prefix ? ValueNormalizer.Normalize(term) : SearchTerm(field, term);
        return await CollectAsync(table.Name, field.Property, value, prefix, cancellationToken);
    }

    private async Task<HashSet<long>> IdsReferencingAsync(
        TableDefinition table, FieldDefinition field, string term, bool prefix, string parameterName, CancellationToken cancellationToken)
    {
        var target = await schema.GetTableAsync(field.TargetTable!, cancellationToken);
        var targets = await CollectAsync(target.Name, target.Title.Property, ValueNormalizer.Normalize(term), prefix, cancellationToken);
        if (!prefix && EntryReader.LooksLikeId(term))
        {
            targets.Add(EntryReader.ParseId(term, parameterName));
        }
        var result = new HashSet<long>();
        foreach (var targetId in targets)
        {
            result.UnionWith(await CollectAsync(table.Name, field.Property, ReferenceKeys.Of(targetId), prefix: false, cancellationToken));
        }
        return result;
    }

    private async Task<HashSet<long>> CollectAsync(string table, string property, string value, bool prefix, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        await foreach (var hit in store.FindAsync(table, property, value, prefix, cancellationToken))
        {
            ids.Add(hit.Id);
        }
        return ids;
    }

    /// <summary>Typed fields are searched in their stored form (<c>10.0</c> finds a price of 10).</summary>
    private static string SearchTerm(FieldDefinition field, string term) =>
        field.Type is FieldType.Number or FieldType.Date or FieldType.Checkbox
            ? ValueFormats.SearchForm(field, ValueFormats.ToStored(field, term))
            : ValueNormalizer.Normalize(term);
}
