using Crm.Core.Commands;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>
/// <c>addfield</c>: a custom field. Its code is <c>&lt;table&gt;_field_&lt;uuid&gt;</c> unless <c>code</c> is given
/// (a migration keeps the original codes).
/// </summary>
public sealed class AddFieldHandler(SchemaCatalog catalog, SchemaAdmin admin)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var p = context.Parameters;
        var table = await catalog.GetTableAsync(p.Require("tableName"), context.Cancellation);
        var code = p.GetNonBlank("code") ?? $"{table.Name.ToLowerInvariant()}_field_{Guid.NewGuid()}";
        var requested = new FieldDefinition(
            table.Name, code, p.Require("fieldName"), FieldTypeNames.Parse(p.GetNonBlank("type")), Property: "", Order: 0,
            Required: FieldFlags.Read(p, "required") ?? false,
            Unique: FieldFlags.Read(p, "unique") ?? false,
            Searchable: FieldFlags.Read(p, "searchable") ?? false,
            Dictionary: p.GetNonBlank("dictionaryName"),
            TargetTable: p.GetNonBlank("targetTable")?.ToUpperInvariant());
        var field = await admin.AddFieldAsync(table, requested, context.Cancellation);
        return new PropertiesResult(("code", field.Code));
    }
}
