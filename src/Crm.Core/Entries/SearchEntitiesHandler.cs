using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Crm.Core.Entries.Paging;
using Crm.Core.Errors;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary>
/// <c>searchEntities</c>: entries of <c>tableName</c> (default CONTACTS) matching every <c>crm_param_N</c> pair; none lists
/// the table. With <c>limit</c>, one page of them.
/// </summary>
public sealed class SearchEntitiesHandler(EntryCommandServices services, EntryPager pager) : IReadOnlyHandler
{
    private const string ListKey = "records";

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var page = PageRequest.From(context.Parameters);
        var table = await services.Schema.GetTableAsync(context.Parameters.GetNonBlank("tableName") ?? "CONTACTS", context.Cancellation);
        if (FieldParameterReader.CountFieldParameters(context.Parameters) > RequestLimits.MaxSearchCriteria)
        {
            throw CrmException.BadRequest($"A search takes at most {RequestLimits.MaxSearchCriteria} criteria (crm_param_N pairs).");
        }
        var criteria = FieldParameterReader.Read(table, context.Parameters);
        var binding = CursorBinding.Of(context.Command, table.Name, criteria);
        if (criteria.Count == 0)
        {
            return page is null
                ? new EntryListResult(ListKey, EntryStreams.All(services, table, context.Cancellation))
                : await pager.TableAsync(table, ListKey, page, binding, context.Cancellation);
        }
        var ids = await services.Search.FindIdsAsync(table, criteria, context.Cancellation);
        return page is null
            ? new EntryListResult(ListKey, EntryStreams.ByIds(services, table, ids, context.Cancellation))
            : await pager.IdsAsync(table, ListKey, ids, page, binding, context.Cancellation);
    }
}
