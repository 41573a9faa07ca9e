using Crm.Core.Errors;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>The type names of docs/api.md#value-types as callers write them.</summary>
public static class FieldTypeNames
{
    public static FieldType Parse(string? text) =>
        text is null ? FieldType.Text
        : Enum.TryParse<FieldType>(text.Trim(), ignoreCase: true, out var type) && !int.TryParse(text, out _) ? type
        : throw CrmException.BadRequest($"'{text}' is not a field type. Types: {string.Join(", ", Enum.GetNames<FieldType>().Select(Name))}.");

    public static string Name(FieldType type) => type.ToString().ToLowerInvariant();

    public static string Name(string type) => type.ToLowerInvariant();
}
