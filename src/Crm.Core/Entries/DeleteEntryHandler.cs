using System.Globalization;
using Crm.Core.Commands;
using Crm.Core.Entries.Versions;
using Crm.Core.Errors;
using Crm.Storage.Entries;

namespace Crm.Core.Entries;

/// <summary><c>deletecompany</c>, <c>deletecontact</c>: removes the entry; entries that referenced it lose the link.</summary>
public sealed class DeleteEntryHandler(EntryCommandServices services) : IEntryWriteHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        long id;
        try
        {
            id = (await services.LocateAsync(table, context.Parameters, names, context.Cancellation)).Id;
        }
        catch (CrmException missing) when (missing.Code == ErrorCode.NotFound && WriteTokenScope.IsActive
            && context.Parameters.GetNonBlank(names.IdParameter) is { } idText && EntryReader.LooksLikeId(idText))
        {
            // A repeated call (Idempotency-Key) whose first run deleted the entry and then failed: the delete finds
            // its write token and the unlinking is finished; without the token the entry never existed here.
            id = EntryReader.ParseId(idText, names.IdParameter);
        }
        await services.Writer.DeleteAsync(table, id, context.Cancellation, EntryPrecondition.Of(context.Parameters, table));
        return new PropertiesResult(("id", id.ToString(CultureInfo.InvariantCulture)));
    }
}
