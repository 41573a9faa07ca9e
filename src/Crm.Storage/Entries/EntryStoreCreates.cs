using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>Creates: the next id from the table's counter, written in the same transaction as the entries.</summary>
public sealed partial class EntryStore
{
    /// <summary>Creates an entry with the table's next id. Concurrent creates in one table share transactions (see <see cref="CreateQueue"/>).</summary>
    public async Task<long> CreateAsync(string table, EntryImage image, CancellationToken cancellationToken) =>
        (await CreateEntryAsync(table, image, cancellationToken)).Id;

    /// <summary><see cref="CreateAsync"/>, answering the new entry's id and version (its row's ETag).</summary>
    public Task<WrittenEntry> CreateEntryAsync(string table, EntryImage image, CancellationToken cancellationToken) =>
        _createQueues.GetOrAdd(table, name => new CreateQueue(creates => WriteCreatesAsync(name, creates)))
            .EnqueueAsync(new PendingCreate(image, WriteTokens.For(table, "create"), WriteTokens.CallRecordAction(table), TransactionSize.Of(EntryRows.CreateActions(table, 0, image))), cancellationToken);

    /// <summary>The last id handed out in the table (0 when none).</summary>
    public async Task<long> GetLastIdAsync(string table, CancellationToken cancellationToken) =>
        (await ReadCounterAsync(table, cancellationToken)).Last;

    /// <summary>
    /// Writes entries with consecutive ids, each with its write token, and the counter in one transaction; returns
    /// their ids and versions. The counter's ETag keeps other instances out; losing to one means a fresh read and another try.
    /// </summary>
    private async Task<IReadOnlyList<WrittenEntry>> WriteCreatesAsync(string table, IReadOnlyList<PendingCreate> creates)
    {
        for (var attempt = 1; attempt <= MaxCounterAttempts; attempt++)
        {
            var counter = _counters.TryGetValue(table, out var cached) ? cached : await ReadCounterAsync(table, CancellationToken.None);
            var last = counter.Last + creates.Count;
            var actions = new List<TableTransactionAction> { EntryRows.CounterAction(table, last, counter.ETag) };
            var entryActions = new int[creates.Count];
            for (var i = 0; i < creates.Count; i++)
            {
                var id = counter.Last + 1 + i;
                entryActions[i] = actions.Count;
                actions.AddRange(EntryRows.CreateActions(table, id, creates[i].Image));
                actions.Add(WriteTokens.AddAction(table, creates[i].Token, id));
                if (creates[i].CallRecord is { } record)
                {
                    actions.Add(record);
                }
            }
            try
            {
                var committed = await SubmitRecoveringAsync(table, actions, creates[0].Token, CancellationToken.None);
                if (committed.Recovered)
                {
                    // An earlier send (or an earlier call with the same idempotency key) wrote these entries.
                    _counters.TryRemove(table, out _);
                    var firstId = committed.Token!.GetInt64(WriteTokens.IdProperty) ?? throw new InvalidDataException("A write token without its id.");
                    return creates.Select((_, i) => new WrittenEntry(firstId + i, null)).ToList();
                }
                var etag = committed.Response!.Value[0].Headers.ETag;
                if (etag.HasValue)
                {
                    _counters[table] = new CounterState(last, etag.Value);
                }
                else
                {
                    _counters.TryRemove(table, out _);
                }
                return creates.Select((_, i) => new WrittenEntry(counter.Last + 1 + i, committed.VersionAt(entryActions[i]))).ToList();
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                // Azure's answer to a transaction over 4 MiB: alone, each create gets its own answer.
                throw creates.Count > 1
                    ? new BatchRejectedException(tooLarge)
                    : TableLimits.TooLarge(actions[1].Entity, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure)
            {
                _counters.TryRemove(table, out _);
                var counterLost = failure.FailedTransactionActionIndex == 0 || (failure.FailedTransactionActionIndex is null && failure.IsConditionNotMet());
                if (!counterLost && creates.Count > 1)
                {
                    throw new BatchRejectedException(failure);
                }
                if (!counterLost)
                {
                    await ThrowIfDuplicateAsync(table, actions, failure, CancellationToken.None);
                    if (!failure.IsAlreadyExists() && !failure.IsConditionNotMet())
                    {
                        throw;
                    }
                }
                await Task.Delay(Random.Shared.Next(2, 10 * attempt));
            }
            catch (StorageLimitException) when (creates.Count > 1)
            {
                throw new BatchRejectedException(new StorageLimitException("batch too large"));
            }
        }
        throw new WriteConflictException($"Another writer kept taking the next id of {table}; try again.");
    }

    private async Task<CounterState> ReadCounterAsync(string table, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Counter, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is not null
            ? new CounterState(response.Value.GetInt64(RowProperties.LastId) ?? 0, response.Value.ETag)
            : new CounterState(0, default);
    }

    private readonly record struct CounterState(long Last, ETag ETag);
}
