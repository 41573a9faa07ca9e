namespace Crm.Storage.Schema;

/// <summary>One CRM table with its fields in display order.</summary>
/// <param name="ListKey">The JSON key of its lists (<c>companies</c>, <c>contacts</c>, <c>records</c> …).</param>
/// <param name="NeedsReindex">Set when a field's unique or searchable flag changed and existing entries' rows are not rebuilt yet.</param>
/// <param name="Generation">
/// Bumped by every schema change that affects the rows of the table's entries (a field added, removed, or made
/// indexed, unique or not); entries are stamped with the generation they were written with (docs/data-safety.md#schema-changes).
/// </param>
public sealed record TableDefinition(string Name, string ListKey, IReadOnlyList<FieldDefinition> Fields, bool NeedsReindex = false, long Generation = 0)
{
    public FieldDefinition Title => Fields.First(f => f.IsTitle);

    public FieldDefinition? FindByCode(string code) =>
        Fields.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase));
}
