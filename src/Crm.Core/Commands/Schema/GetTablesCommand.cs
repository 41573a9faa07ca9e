using Crm.Core.Access;
using Crm.Core.Schema;

namespace Crm.Core.Commands.Schema;

/// <summary><c>gettables</c>: every table with its list key and title field.</summary>
public sealed class GetTablesCommand(SchemaCatalog catalog) : ICrmCommand
{
    public string Name => "gettables";

    public bool Writes => false;

    public string RequiredRight(CommandContext context) => CrmRights.View;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var tables = await catalog.GetTablesAsync(context.Cancellation);
        return new PropertiesResult(("tables", tables.Select(SchemaResults.Table).ToList()));
    }
}
