using Crm.Core.Commands;
using Crm.Core.Values;

namespace Crm.Core.Schema;

/// <summary><c>removefield</c>: removes a field (not the title); stored values stay in the entries but are no longer shown.</summary>
public sealed class RemoveFieldHandler(SchemaCatalog catalog, SchemaAdmin admin)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var p = context.Parameters;
        var table = await catalog.GetTableAsync(p.Require("tableName"), context.Cancellation);
        var field = p.GetNonBlank("code") is { } code
            ? FieldParameterReader.ByCodeOrName(table, code, "code")
            : FieldParameterReader.ByCodeOrName(table, p.Require("fieldName"), "fieldName");
        await admin.RemoveFieldAsync(table, field, context.Cancellation);
        return new PropertiesResult(("code", field.Code));
    }
}
