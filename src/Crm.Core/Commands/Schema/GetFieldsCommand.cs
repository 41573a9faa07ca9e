using Crm.Core.Access;
using Crm.Core.Schema;

namespace Crm.Core.Commands.Schema;

/// <summary><c>getfields</c>: the fields of <c>tableName</c> in display order.</summary>
public sealed class GetFieldsCommand(SchemaCatalog catalog) : ICrmCommand
{
    public string Name => "getfields";

    public bool Writes => false;

    public string RequiredRight(CommandContext context) => CrmRights.View;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await catalog.GetTableAsync(context.Parameters.Require("tableName"), context.Cancellation);
        return new PropertiesResult(("tableName", table.Name), ("fields", table.Fields.Select(SchemaResults.Field).ToList()));
    }
}
