using System.Globalization;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>How tables and fields are shown: every value a string, as everywhere in the API.</summary>
public static class SchemaResults
{
    public static IEnumerable<(string Name, object Value)> Table(TableDefinition table) =>
    [
        ("tableName", table.Name),
        ("listKey", table.ListKey),
        ("titleField", table.Title.Code),
        ("fields", table.Fields.Count.ToString(CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<(string Name, object Value)> Field(FieldDefinition field) =>
    [
        ("code", field.Code),
        ("name", field.Name),
        ("type", FieldTypeNames.Name(field.Type)),
        ("title", Flag(field.IsTitle)),
        ("required", Flag(field.Required)),
        ("unique", Flag(field.Unique)),
        ("searchable", Flag(field.IsIndexed)),
        ("dictionaryName", field.Dictionary ?? ""),
        ("targetTable", field.TargetTable ?? ""),
    ];

    private static string Flag(bool value) => value ? "true" : "false";
}
