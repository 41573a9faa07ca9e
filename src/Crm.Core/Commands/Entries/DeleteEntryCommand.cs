using System.Globalization;
using Crm.Core.Access;

namespace Crm.Core.Commands.Entries;

/// <summary><c>deletecompany</c>, <c>deletecontact</c>: removes the entry; entries that referenced it lose the link.</summary>
public sealed class DeleteEntryCommand(string name, EntryCommandNames names, EntryCommandServices services) : ICrmCommand
{
    public string Name => name;

    public string RequiredRight(CommandContext context) => CrmRights.Remove(names.Table);

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var entry = await services.LocateAsync(table, context.Parameters, names, context.Cancellation);
        await services.Writer.DeleteAsync(table, entry.Id, context.Cancellation);
        return new PropertiesResult(("id", entry.Id.ToString(CultureInfo.InvariantCulture)));
    }
}
