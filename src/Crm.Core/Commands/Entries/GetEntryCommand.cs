using Crm.Core.Access;

namespace Crm.Core.Commands.Entries;

/// <summary><c>getcompanybyname</c>, <c>getcontactbyname</c>: one entry by id or by name, flat next to <c>success</c>.</summary>
public sealed class GetEntryCommand(string name, EntryCommandNames names, EntryCommandServices services) : ICrmCommand
{
    public string Name => name;

    public bool Writes => false;

    public string RequiredRight(CommandContext context) => CrmRights.View;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var entry = await services.LocateAsync(table, context.Parameters, names, context.Cancellation);
        return new FlatEntryResult(await services.NewRenderer().RenderAsync(table, entry, withName: false, context.Cancellation));
    }
}
