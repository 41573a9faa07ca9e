namespace Crm.Storage.Schema;

/// <summary>One CRM table with its fields in display order.</summary>
/// <param name="ListKey">The JSON key of its lists (<c>companies</c>, <c>contacts</c>, <c>records</c> …).</param>
/// <param name="NeedsReindex">Set when a field's unique or searchable flag changed and existing entries' rows are not rebuilt yet.</param>
public sealed record TableDefinition(string Name, string ListKey, IReadOnlyList<FieldDefinition> Fields, bool NeedsReindex = false)
{
    public FieldDefinition Title => Fields.First(f => f.IsTitle);

    public FieldDefinition? FindByCode(string code) =>
        Fields.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase));
}
