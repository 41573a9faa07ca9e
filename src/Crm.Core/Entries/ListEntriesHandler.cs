using Crm.Core.Commands;
using Crm.Core.Entries.Paging;

namespace Crm.Core.Entries;

/// <summary><c>getcompanies</c>, <c>getcontacts</c>: every entry in id order, streamed; or one page of them (<c>limit</c>, <c>cursor</c>).</summary>
public sealed class ListEntriesHandler(EntryCommandServices services, EntryPager pager) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var page = PageRequest.From(context.Parameters);
        var definition = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        if (page is not null)
        {
            return await pager.TableAsync(definition, definition.ListKey, page, CursorBinding.Of(context.Command, definition.Name), context.Cancellation);
        }
        return new EntryListResult(definition.ListKey, EntryStreams.All(services, definition, context.Cancellation));
    }
}
