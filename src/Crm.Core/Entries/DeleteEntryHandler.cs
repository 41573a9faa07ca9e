using System.Globalization;
using Crm.Core.Commands;

namespace Crm.Core.Entries;

/// <summary><c>deletecompany</c>, <c>deletecontact</c>: removes the entry; entries that referenced it lose the link.</summary>
public sealed class DeleteEntryHandler(EntryCommandServices services)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var entry = await services.LocateAsync(table, context.Parameters, names, context.Cancellation);
        await services.Writer.DeleteAsync(table, entry.Id, context.Cancellation);
        return new PropertiesResult(("id", entry.Id.ToString(CultureInfo.InvariantCulture)));
    }
}
