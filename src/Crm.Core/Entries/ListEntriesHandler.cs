using Crm.Core.Commands;

namespace Crm.Core.Entries;

/// <summary><c>getcompanies</c>, <c>getcontacts</c>: every entry in id order, streamed.</summary>
public sealed class ListEntriesHandler(EntryCommandServices services) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var definition = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        return new EntryListResult(definition.ListKey, EntryStreams.All(services, definition, context.Cancellation));
    }
}
