using Crm.Core.Access;

namespace Crm.Core.Commands.Entries;

/// <summary><c>getcompanies</c>, <c>getcontacts</c>: every entry in id order, streamed.</summary>
public sealed class ListEntriesCommand(string name, string table, EntryCommandServices services) : ICrmCommand
{
    public string Name => name;

    public bool Writes => false;

    public string RequiredRight(CommandContext context) => CrmRights.View;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var definition = await services.Schema.GetTableAsync(table, context.Cancellation);
        return new EntryListResult(definition.ListKey, EntryStreams.All(services, definition, context.Cancellation));
    }
}
