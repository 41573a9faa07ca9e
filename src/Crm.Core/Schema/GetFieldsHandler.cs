using Crm.Core.Commands;

namespace Crm.Core.Schema;

/// <summary><c>getfields</c>: the fields of <c>tableName</c> in display order.</summary>
public sealed class GetFieldsHandler(SchemaCatalog catalog) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await catalog.GetTableAsync(context.Parameters.Require("tableName"), context.Cancellation);
        return new PropertiesResult(("tableName", table.Name), ("fields", table.Fields.Select(SchemaResults.Field).ToList()));
    }
}
