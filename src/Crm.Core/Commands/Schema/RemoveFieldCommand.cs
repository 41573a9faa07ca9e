using Crm.Core.Access;
using Crm.Core.Schema;
using Crm.Core.Values;

namespace Crm.Core.Commands.Schema;

/// <summary><c>removefield</c>: removes a field (not the title); stored values stay in the entries but are no longer shown.</summary>
public sealed class RemoveFieldCommand(SchemaCatalog catalog, SchemaAdmin admin) : ICrmCommand
{
    public string Name => "removefield";

    public string RequiredRight(CommandContext context) => CrmRights.Admin;

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
