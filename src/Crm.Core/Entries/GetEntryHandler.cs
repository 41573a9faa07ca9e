using Crm.Core.Commands;
using Crm.Core.Entries.Versions;

namespace Crm.Core.Entries;

/// <summary><c>getcompanybyname</c>, <c>getcontactbyname</c>: one entry by id or by name, flat next to <c>success</c>.</summary>
public sealed class GetEntryHandler(EntryCommandServices services) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var entry = await services.LocateAsync(table, context.Parameters, names, context.Cancellation);
        return new FlatEntryResult(await services.NewRenderer().RenderAsync(table, entry, withName: false, context.Cancellation))
        {
            ETag = EntryVersions.Tag(table.Name, entry),
        };
    }
}
