using Crm.Core.Commands;

namespace Crm.Core.Schema;

/// <summary><c>gettables</c>: every table with its list key and title field.</summary>
public sealed class GetTablesHandler(SchemaCatalog catalog) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var tables = await catalog.GetTablesAsync(context.Cancellation);
        return new PropertiesResult(("tables", tables.Select(SchemaResults.Table).ToList()));
    }
}
