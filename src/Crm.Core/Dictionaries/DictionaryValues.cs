using Crm.Core.Errors;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Dictionaries;

/// <summary>Turns a dictionary or multi field's input into stored spellings; an open dictionary learns new values.</summary>
public sealed class DictionaryValues(DictionaryCatalog catalog)
{
    /// <summary>True when writing this field can add a value to its dictionary (an open one).</summary>
    public async Task<bool> MayLearnAsync(FieldDefinition field, CancellationToken cancellationToken) =>
        field.Dictionary is not null && (await catalog.GetAsync(field.Dictionary, cancellationToken))?.Open == true;

    public async Task<string> ToStoredAsync(FieldDefinition field, string value, CancellationToken cancellationToken)
    {
        var items = field.Type == FieldType.Multi
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [value.Trim()];
        var stored = new List<string>(items.Length);
        foreach (var item in items)
        {
            stored.Add(await ResolveAsync(field, item, cancellationToken));
        }
        return string.Join(',', stored.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    private async Task<string> ResolveAsync(FieldDefinition field, string item, CancellationToken cancellationToken)
    {
        var name = field.Dictionary ?? throw new InvalidOperationException($"{field.Code} names no dictionary.");
        var dictionary = await catalog.GetAsync(name, cancellationToken)
            ?? throw CrmException.NotFound($"The dictionary '{name}' of {field.Code} does not exist; add values with adddictionaryvalue.");
        var normalized = ValueNormalizer.Normalize(item);
        var known = dictionary.Values.FirstOrDefault(v => ValueNormalizer.Normalize(v) == normalized);
        if (known is not null)
        {
            return known;
        }
        if (!dictionary.Open)
        {
            throw CrmException.BadRequest(
                $"'{item}' is not a value of the dictionary '{dictionary.Name}' ({field.Code}). Allowed: {string.Join(", ", dictionary.Values)}.");
        }
        var tidy = ValueNormalizer.Tidy(item);
        await catalog.AddValueAsync(name, tidy, createIfMissing: false, cancellationToken);
        return tidy;
    }
}
