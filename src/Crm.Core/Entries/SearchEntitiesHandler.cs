using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Crm.Core.Errors;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary><c>searchEntities</c>: entries of <c>tableName</c> (default CONTACTS) matching every <c>crm_param_N</c> pair; none lists the table.</summary>
public sealed class SearchEntitiesHandler(EntryCommandServices services) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await services.Schema.GetTableAsync(context.Parameters.GetNonBlank("tableName") ?? "CONTACTS", context.Cancellation);
        if (FieldParameterReader.CountFieldParameters(context.Parameters) > RequestLimits.MaxSearchCriteria)
        {
            throw CrmException.BadRequest($"A search takes at most {RequestLimits.MaxSearchCriteria} criteria (crm_param_N pairs).");
        }
        var criteria = FieldParameterReader.Read(table, context.Parameters);
        if (criteria.Count == 0)
        {
            return new EntryListResult("records", EntryStreams.All(services, table, context.Cancellation));
        }
        var ids = await services.Search.FindIdsAsync(table, criteria, context.Cancellation);
        return new EntryListResult("records", EntryStreams.ByIds(services, table, ids, context.Cancellation));
    }
}
