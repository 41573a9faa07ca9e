namespace Crm.Storage.Dictionaries;

/// <summary>A named list of values. An open dictionary learns values it does not know; a closed one rejects them.</summary>
public sealed record DictionaryDefinition(string Name, bool Open, IReadOnlyList<string> Values);

public enum DictionaryChange
{
    Done,
    Duplicate,
    DictionaryNotFound,
    ValueNotFound,
}
