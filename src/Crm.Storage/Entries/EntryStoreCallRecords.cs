using Azure;
using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>Call records of <c>Idempotency-Key</c> calls (see <see cref="CallRecord"/>) in the entry store.</summary>
public sealed partial class EntryStore
{
    /// <summary>
    /// Throws <see cref="CallRecordFoundException"/> when an earlier call with the scope's key is recorded in the
    /// table with other parameters or with its answer. (The same call without an answer yet goes on: its writes find their tokens.)
    /// </summary>
    public async Task ThrowIfCallRecordedAsync(string table, CancellationToken cancellationToken)
    {
        if (WriteTokenScope.Current is { Fingerprint: { } fingerprint } scope
            && await ReadCallRecordAsync(table, scope.Seed, cancellationToken) is { } record
            && (record.Fingerprint != fingerprint || record.Status is not null))
        {
            throw new CallRecordFoundException(record);
        }
    }

    private Task<CallRecord?> ReadCallRecordAsync(string table, string call, CancellationToken cancellationToken) =>
        ReadCallRecordRowAsync(table, WriteTokens.CallRecordRowKey(call), cancellationToken);

    private async Task<CallRecord?> ReadCallRecordRowAsync(string table, string rowKey, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? CallRecord.FromRow(row) : null;
    }

    /// <summary>Records a call that wrote nothing (a refusal); returns the earlier record instead when there is one.</summary>
    public async Task<CallRecord?> TryRecordCallAsync(string table, string call, CallRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(record.ToRow(table, call), cancellationToken);
            return null;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return await ReadCallRecordAsync(table, call, cancellationToken);
        }
    }

    /// <summary>
    /// Adds answers to calls' records (written with each call's first write) in <paramref name="table"/>: as many
    /// per transaction as fit. A transaction that fails is redone one record at a time; returns why the answers
    /// that still could not be kept were not.
    /// </summary>
    public async Task<IReadOnlyList<RequestFailedException>> KeepCallAnswersAsync(
        string table, IReadOnlyList<(string Call, CallRecord Answer)> answers, CancellationToken cancellationToken)
    {
        var failures = new List<RequestFailedException>();
        foreach (var group in PackAnswers(table, answers))
        {
            try
            {
                await KeepTogetherAsync(group, cancellationToken);
            }
            catch (RequestFailedException) when (group.Count > 1)
            {
                foreach (var row in group)
                {
                    try
                    {
                        await KeepTogetherAsync([row], cancellationToken);
                    }
                    catch (RequestFailedException failure)
                    {
                        failures.Add(failure);
                    }
                }
            }
            catch (RequestFailedException failure)
            {
                failures.Add(failure);
            }
        }
        return failures;
    }

    private async Task KeepTogetherAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 1)
        {
            await _table.UpdateEntityAsync(rows[0], ETag.All, TableUpdateMode.Merge, cancellationToken);
            return;
        }
        await _table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, r, ETag.All)), cancellationToken);
    }

    private static IEnumerable<List<TableEntity>> PackAnswers(string table, IReadOnlyList<(string Call, CallRecord Answer)> answers)
    {
        var group = new List<TableEntity>();
        long bytes = 0;
        foreach (var row in answers.Select(a => a.Answer.ToRow(table, a.Call)))
        {
            var size = TransactionSize.Of(row);
            if (group.Count > 0 && (group.Count == TableLimits.MaxTransactionActions || bytes + size > TransactionSize.MaxBytes))
            {
                yield return group;
                group = [];
                bytes = 0;
            }
            group.Add(row);
            bytes += size;
        }
        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>
    /// After a failed write without its token: when it carried one call record and an earlier call's record was
    /// in the way, that earlier call answers. (Read from the actions, not the scope: a group commit may run in
    /// another caller's flow.)
    /// </summary>
    private async Task ThrowIfEarlierCallAsync(string table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var records = actions.Where(a => a.Entity.RowKey.StartsWith(WriteTokens.CallRecordRowKey(""), StringComparison.Ordinal)).ToList();
        var tokens = actions.Count(a => a.Entity.RowKey.StartsWith(WriteTokens.Prefix, StringComparison.Ordinal)) - records.Count;
        // Several writes together (a group commit) are retried one by one, each then finding its own record.
        if (records.Count != 1 || tokens != 1)
        {
            return;
        }
        if (await ReadCallRecordRowAsync(table, records[0].Entity.RowKey, cancellationToken) is { } earlier)
        {
            throw new CallRecordFoundException(earlier);
        }
    }
}
