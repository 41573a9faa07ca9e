using Azure;
using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// Bulk work for imports and maintenance (the Jira sync). Bulk creates need nothing here: concurrent
/// <see cref="CreateAsync"/> calls already share transactions (<see cref="CreateQueue"/>). Bulk updates
/// write the same rows as <see cref="UpdateAsync"/> (entry, claim and index rows), as many entries per
/// entity-group transaction as fit in its 100 operations; each transaction is all-or-nothing.
/// </summary>
public sealed partial class EntryStore
{
    /// <summary>
    /// Reads each entry, asks <paramref name="change"/> for its new image (null leaves it as it is) and writes
    /// the changes, several entries per transaction, each guarded by its own ETag. Entries of a transaction
    /// that lost a race are read and changed again, one per transaction. Returns the ids written, and those left
    /// because their image was planned with an older schema generation than the entry was written with.
    /// </summary>
    public async Task<BulkUpdate> UpdateManyAsync(
        string table, IReadOnlyList<long> ids, Func<StoredEntry, EntryImage?> change, CancellationToken cancellationToken)
    {
        var written = new List<long>(ids.Count);
        var stale = new List<long>();
        var remaining = ids.Distinct().ToList();
        for (var attempt = 1; attempt <= MaxUpdateAttempts && remaining.Count > 0; attempt++)
        {
            var current = new TableEntity?[remaining.Count];
            await Parallel.ForAsync(0, remaining.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
                async (i, ct) => current[i] = await ReadEntityAsync(table, remaining[i], ct));

            var pending = new List<(long Id, List<TableTransactionAction> Actions)>();
            for (var i = 0; i < remaining.Count; i++)
            {
                if (current[i] is not { } entity || change(EntryRows.ToStoredEntry(entity)) is not { } image)
                {
                    continue;
                }
                if (NewerStamp(image, entity) is not null)
                {
                    stale.Add(remaining[i]);
                    continue;
                }
                pending.Add((remaining[i], EntryRows.ReplaceActions(table, remaining[i], image, entity)));
            }

            var retry = new List<long>();
            // After a lost race, one entry per transaction, so a busy entry cannot hold back the others again.
            // Each transaction also carries its write token, so a resend of a committed one is recognised.
            foreach (var transaction in Pack(pending, attempt == 1 ? TableLimits.MaxTransactionActions - 1 : 1))
            {
                var actions = transaction.SelectMany(p => p.Actions).ToList();
                var token = WriteTokens.For(table, "update-many", transaction[0].Id);
                actions.Add(WriteTokens.AddAction(table, token, transaction[0].Id));
                try
                {
                    await SubmitRecoveringAsync(table, actions, token, cancellationToken);
                    written.AddRange(transaction.Select(p => p.Id));
                }
                catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
                {
                    // Too large together: the next attempt writes one entry per transaction; one alone is refused.
                    retry.AddRange(transaction.Count > 1 ? transaction.Select(p => p.Id) : throw TableLimits.TooLarge(actions[0].Entity, "was refused by storage as too large (413)"));
                }
                catch (TableTransactionFailedException failure)
                {
                    await ThrowIfDuplicateAsync(table, actions, failure, cancellationToken);
                    if (!IsLostRace(failure))
                    {
                        throw;
                    }
                    retry.AddRange(transaction.Select(p => p.Id));
                }
            }
            remaining = retry;
            if (remaining.Count > 0)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        if (remaining.Count > 0)
        {
            throw new WriteConflictException($"{remaining.Count} entries of {table} kept changing while they were being updated; try again.");
        }
        return new BulkUpdate(written, stale);
    }

    private static IEnumerable<List<(long Id, List<TableTransactionAction> Actions)>> Pack(
        List<(long Id, List<TableTransactionAction> Actions)> pending, int maxActions)
    {
        var batch = new List<(long Id, List<TableTransactionAction> Actions)>();
        var used = 0;
        foreach (var item in pending)
        {
            if (batch.Count > 0 && used + item.Actions.Count > maxActions)
            {
                yield return batch;
                batch = [];
                used = 0;
            }
            batch.Add(item);
            used += item.Actions.Count;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

/// <summary>What <see cref="EntryStore.UpdateManyAsync"/> did: the ids written, and the ids to plan again with the current schema.</summary>
public sealed record BulkUpdate(IReadOnlyList<long> Written, IReadOnlyList<long> Stale);
