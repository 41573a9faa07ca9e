using Crm.Core.Commands;
using Crm.Core.Values;

namespace Crm.Core.Schema;

/// <summary>
/// <c>editfield</c>: the field named by <c>code</c> (then <c>fieldName</c> is its new name) or by <c>fieldName</c>;
/// changes name, required, unique, searchable or dictionary. A unique or searchable change rebuilds the rows of existing entries.
/// </summary>
public sealed class EditFieldHandler(SchemaCatalog catalog, SchemaAdmin admin)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var p = context.Parameters;
        var table = await catalog.GetTableAsync(p.Require("tableName"), context.Cancellation);
        var code = p.GetNonBlank("code");
        var current = code is not null
            ? FieldParameterReader.ByCodeOrName(table, code, "code")
            : FieldParameterReader.ByCodeOrName(table, p.Require("fieldName"), "fieldName");
        var wanted = current with
        {
            Name = code is not null ? p.GetNonBlank("fieldName") ?? current.Name : current.Name,
            Type = p.GetNonBlank("type") is { } type ? FieldTypeNames.Parse(type) : current.Type,
            Required = FieldFlags.Read(p, "required") ?? current.Required,
            Unique = FieldFlags.Read(p, "unique") ?? current.Unique,
            Searchable = FieldFlags.Read(p, "searchable") ?? current.Searchable,
            Dictionary = p.GetNonBlank("dictionaryName") ?? current.Dictionary,
        };
        var field = await admin.EditFieldAsync(table, current, wanted, context.Cancellation);
        return new PropertiesResult(("code", field.Code));
    }
}
