using Crm.Core.Commands;
using static Crm.Core.Commands.AnswerProperty;
using static Crm.Core.Commands.CommandParameter;

namespace Crm.Core.Schema;

/// <summary>The descriptions of the schema commands (docs/api.md#schema), for openapi.json and /docs.</summary>
public static class SchemaCommandDocs
{
    private static readonly CommandAnswer CodeAnswer = CommandAnswer.Of("The field's code.", Text("code", "The field's code."));
    private static readonly CommandParameter Table = Needed("tableName", "The table, e.g. `CLIENTS` (case-insensitive).");
    private const string Flag = "`true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`).";

    public static CommandDoc GetTables { get; } = new(
        "Every table.",
        CommandAnswer.Of("The tables.", Objects("tables", "Each table: `tableName`, `listKey`, `titleField`, `fields` (the number of fields).")));

    public static CommandDoc GetFields { get; } = new(
        "The fields of a table, in display order.",
        CommandAnswer.Of("The table and its fields.", Text("tableName", "The table."),
            Objects("fields", "Each field: `code`, `name`, `type`, `title`, `required`, `unique`, `searchable`, `dictionaryName`, `targetTable`.")))
    {
        Parameters = [Table],
    };

    public static CommandDoc AddTable { get; } = new(
        "Add a table with its title field.",
        CommandAnswer.Of("The new table.", Text("tableName", "The table (upper case)."), Text("titleField", "The title field's code.")))
    {
        Parameters =
        [
            Needed("tableName", "A letter, then letters, digits and `_`, at most 40; upper-cased."),
            new("titleFieldName", "The title field's name (default `Name`)."),
        ],
    };

    public static CommandDoc AddField { get; } = new("Add a field to a table.", CodeAnswer)
    {
        Parameters =
        [
            Table,
            Needed("fieldName", "The field's name."),
            new("type", "`text` (default), `email`, `url`, `number`, `date`, `checkbox`, `dictionary`, `multi` or `reference`."),
            new("code", "The field's code (letters, digits, `_`, `-`; at most 100); default `<table>_field_<uuid>`."),
            new("dictionaryName", "The dictionary of a `dictionary` or `multi` field (created when new)."),
            new("targetTable", "The table a `reference` field points to."),
            new("required", Flag),
            new("unique", Flag),
            new("searchable", Flag),
        ],
    };

    public static CommandDoc EditField { get; } = new("Change a field's name, flags or dictionary (not its type).", CodeAnswer)
    {
        Parameters =
        [
            Table,
            new("code", "The field by code (then `fieldName` is its new name)."),
            new("fieldName", "The field by name, or its new name."),
            new("required", Flag),
            new("unique", Flag),
            new("searchable", Flag),
            new("dictionaryName", "The dictionary of a `dictionary` or `multi` field."),
        ],
    };

    public static CommandDoc RemoveField { get; } = new("Remove a field (not the title).", CodeAnswer)
    {
        Parameters = [Table, new("code", "The field by code."), new("fieldName", "The field by name.")],
    };
}
