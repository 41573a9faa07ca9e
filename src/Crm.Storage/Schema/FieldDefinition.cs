namespace Crm.Storage.Schema;

/// <summary>One field of a CRM table.</summary>
/// <param name="Property">The entity property that holds the value; assigned once, never derived from the code.</param>
/// <param name="Dictionary">For dictionary and multi fields: the dictionary's name.</param>
/// <param name="TargetTable">For reference fields: the referenced table; for computed fields: the table whose entries are listed.</param>
/// <param name="ReverseField">For computed fields: the reference field (code) in <paramref name="TargetTable"/> that points back here.</param>
public sealed record FieldDefinition(
    string Table,
    string Code,
    string Name,
    FieldType Type,
    string Property,
    int Order,
    bool IsTitle = false,
    bool Required = false,
    bool Unique = false,
    bool Searchable = false,
    string? Dictionary = null,
    string? TargetTable = null,
    string? ReverseField = null)
{
    /// <summary>Reference fields are always indexed: reverse lookups (a company's contacts, unlinking on delete) need it.</summary>
    public bool IsIndexed => IsTitle || Searchable || Unique || Type == FieldType.Reference;
}
