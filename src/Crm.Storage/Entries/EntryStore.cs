using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// The entries of every CRM table, one partition per table (docs/design.md#storage-layout). Each create, update and
/// delete is one entity-group transaction holding the entry, its claim and index rows and (on create)
/// the id counter, so a failed write leaves nothing behind. The rows themselves are built by
/// <see cref="EntryRows"/>; this class sends them, retries lost races and runs the queries
/// (creates, updates and deletes, bulk updates and queries each in a file of their own).
/// </summary>
public sealed partial class EntryStore(CrmTableSet tables, StorageMetrics metrics)
{
    private const int MaxUpdateAttempts = 5;
    private const int MaxCounterAttempts = 30;
    private const int ParallelReads = 16;

    private readonly TableClient _table = tables.Entities;
    private readonly ConcurrentDictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CreateQueue> _createQueues = new(StringComparer.Ordinal);

    private async Task<Response<IReadOnlyList<Response>>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableLimits.CheckTransaction(actions);
        return await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>When the transaction failed on a uniqueness claim, throws <see cref="DuplicateValueException"/> naming the holder.</summary>
    private async Task ThrowIfDuplicateAsync(string table, List<TableTransactionAction> actions, TableTransactionFailedException failure, CancellationToken cancellationToken)
    {
        if (!failure.IsAlreadyExists())
        {
            return;
        }
        var claims = actions
            .Where(a => a.ActionType == TableTransactionActionType.Add && RowKeys.IsClaim(a.Entity.RowKey))
            .Select(a => (TableEntity)a.Entity);
        if (failure.FailedTransactionActionIndex is { } index && index < actions.Count)
        {
            claims = claims.Where(c => ReferenceEquals(c, actions[index].Entity));
        }
        foreach (var claim in claims)
        {
            metrics.CountQuery();
            var holder = await _table.GetEntityIfExistsAsync<TableEntity>(table, claim.RowKey, cancellationToken: cancellationToken);
            if (holder.HasValue && holder.Value is not null
                && (claim.GetString(RowProperties.IndexedValue) is not { } ours || EntryRows.ClaimHolds(holder.Value, ours)))
            {
                throw new DuplicateValueException(claim.GetString(RowProperties.ClaimField), holder.Value.GetInt64(RowProperties.ClaimHolder) ?? 0);
            }
        }
    }

    private async Task<TableEntity?> ReadEntityAsync(string table, long id, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Entry(id), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }
        metrics.CountRows(1);
        return response.Value;
    }
}
