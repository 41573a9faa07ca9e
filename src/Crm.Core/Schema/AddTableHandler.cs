using Crm.Core.Commands;

namespace Crm.Core.Schema;

/// <summary><c>addtable</c>: a custom table with its title field (named by <c>titleFieldName</c>, default "Name").</summary>
public sealed class AddTableHandler(SchemaAdmin admin)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await admin.AddTableAsync(context.Parameters.Require("tableName"), context.Parameters.GetNonBlank("titleFieldName") ?? "Name", context.Cancellation);
        return new PropertiesResult(("tableName", table.Name), ("titleField", table.Title.Code));
    }
}
