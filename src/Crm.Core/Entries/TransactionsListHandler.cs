using Crm.Core.Commands;
using Crm.Core.Entries.Paging;
using Crm.Core.Schema;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary><c>transactionslist</c>: the TRANSACTIONS entries whose Issue is the Jira issue key in <c>saleVal</c>; with <c>limit</c>, one page of them.</summary>
public sealed class TransactionsListHandler(EntryCommandServices services, EntryPager pager) : IReadOnlyHandler
{
    private const string IssueField = "trans_issue";

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var page = PageRequest.From(context.Parameters);
        var issueKey = context.Parameters.Require("saleVal");
        var table = await services.Schema.GetTableAsync(DefaultSchema.Transactions, context.Cancellation);
        var issue = FieldParameterReader.ByCodeOrName(table, IssueField, "saleVal");
        FieldInput[] criteria = [new FieldInput(issue, issueKey, "saleVal")];
        var ids = await services.Search.FindIdsAsync(table, criteria, context.Cancellation);
        return page is null
            ? new EntryListResult(table.ListKey, EntryStreams.ByIds(services, table, ids, context.Cancellation))
            : await pager.IdsAsync(table, table.ListKey, ids, page, CursorBinding.Of(context.Command, table.Name, criteria), context.Cancellation);
    }
}
