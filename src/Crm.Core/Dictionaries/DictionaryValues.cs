using Crm.Core.Errors;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Dictionaries;

/// <summary>Turns a dictionary or multi field's input into stored spellings; an open dictionary learns new values.</summary>
public sealed class DictionaryValues(DictionaryCatalog catalog)
{
    /// <summary>
    /// The stored spelling of the input, and the values an open dictionary has yet to learn for it. Nothing is
    /// written here (a later check may still refuse the call): <see cref="LearnAsync"/> does that. A closed
    /// dictionary refuses a value it lacks.
    /// </summary>
    public async Task<(string Stored, IReadOnlyList<string> NewValues)> MatchAsync(FieldDefinition field, string value, CancellationToken cancellationToken)
    {
        var name = field.Dictionary ?? throw new InvalidOperationException($"{field.Code} names no dictionary.");
        var dictionary = await catalog.GetAsync(name, cancellationToken)
            ?? throw CrmException.NotFound($"The dictionary '{name}' of {field.Code} does not exist; add values with adddictionaryvalue.");
        var items = field.Type == FieldType.Multi
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [value.Trim()];
        var stored = new List<string>(items.Length);
        var newValues = new List<string>();
        foreach (var item in items)
        {
            var normalized = ValueNormalizer.Normalize(item);
            var known = dictionary.Values.FirstOrDefault(v => ValueNormalizer.Normalize(v) == normalized)
                ?? newValues.FirstOrDefault(v => ValueNormalizer.Normalize(v) == normalized);
            if (known is null && !dictionary.Open)
            {
                throw CrmException.BadRequest(
                    $"'{item}' is not a value of the dictionary '{dictionary.Name}' ({field.Code}). Allowed: {string.Join(", ", dictionary.Values)}.");
            }
            if (known is null)
            {
                known = ValueNormalizer.Tidy(item);
                newValues.Add(known);
            }
            stored.Add(known);
        }
        return (string.Join(',', stored.Distinct(StringComparer.OrdinalIgnoreCase)), newValues);
    }

    /// <summary>Adds a value <see cref="MatchAsync"/> found new to the field's (open) dictionary.</summary>
    public async Task LearnAsync(FieldDefinition field, string value, CancellationToken cancellationToken)
    {
        var name = field.Dictionary ?? throw new InvalidOperationException($"{field.Code} names no dictionary.");
        await catalog.AddValueAsync(name, value, createIfMissing: false, cancellationToken);
    }
}
