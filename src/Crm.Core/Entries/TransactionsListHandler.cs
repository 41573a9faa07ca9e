using Crm.Core.Commands;
using Crm.Core.Schema;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary><c>transactionslist</c>: the TRANSACTIONS entries whose Issue is the Jira issue key in <c>saleVal</c>.</summary>
public sealed class TransactionsListHandler(EntryCommandServices services) : IReadOnlyHandler
{
    private const string IssueField = "trans_issue";

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var issueKey = context.Parameters.Require("saleVal");
        var table = await services.Schema.GetTableAsync(DefaultSchema.Transactions, context.Cancellation);
        var issue = FieldParameterReader.ByCodeOrName(table, IssueField, "saleVal");
        var ids = await services.Search.FindIdsAsync(table, [new FieldInput(issue, issueKey, "saleVal")], context.Cancellation);
        return new EntryListResult(table.ListKey, EntryStreams.ByIds(services, table, ids, context.Cancellation));
    }
}
