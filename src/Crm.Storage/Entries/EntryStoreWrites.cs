using Azure;
using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>Updates and deletes of one entry: read, write guarded by the entry's ETag, start again after a lost race.</summary>
public sealed partial class EntryStore
{
    /// <summary>
    /// Reads the entry, asks <paramref name="change"/> for its new image and writes it guarded by the
    /// entry's ETag; a lost race starts again from a fresh read.
    /// </summary>
    public async Task<StoredEntry> UpdateAsync(
        string table, long id, Func<StoredEntry, Task<EntryImage>> change, CancellationToken cancellationToken)
    {
        var token = WriteTokens.For(table, "update", id);
        var callRecord = WriteTokens.CallRecordAction(table);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var current = await ReadEntityAsync(table, id, cancellationToken);
            if (current is null)
            {
                return await AlreadyWrittenAsync(table, id, token, cancellationToken) ?? throw new EntryNotFoundException(table, id);
            }
            var image = await change(EntryRows.ToStoredEntry(current));
            var actions = EntryRows.ReplaceActions(table, id, image, current);
            actions.Add(WriteTokens.AddAction(table, token, id));
            if (callRecord is not null)
            {
                actions.Add(callRecord);
            }
            try
            {
                var committed = await SubmitRecoveringAsync(table, actions, token, cancellationToken);
                return EntryRows.ToStoredEntry((TableEntity)actions[0].Entity) with { Version = committed.EntryVersion };
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                throw TableLimits.TooLarge(actions[0].Entity, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure)
            {
                await ThrowIfDuplicateAsync(table, actions, failure, cancellationToken);
                if (!IsLostRace(failure))
                {
                    throw;
                }
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        throw new WriteConflictException($"Entry {id} of {table} kept changing while it was being edited; try again.");
    }

    /// <summary>Deletes the entry with its claim and index rows; returns what it held.</summary>
    /// <param name="check">
    /// Sees the entry as read before each attempt and may refuse it by throwing (an <c>If-Match</c>); the delete is
    /// guarded by the ETag of that same read, so what was checked is what is deleted.
    /// </param>
    public async Task<StoredEntry> DeleteAsync(string table, long id, CancellationToken cancellationToken, Action<StoredEntry>? check = null)
    {
        var token = WriteTokens.For(table, "delete", id);
        var callRecord = WriteTokens.CallRecordAction(table);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var current = await ReadEntityAsync(table, id, cancellationToken);
            if (current is null)
            {
                return await AlreadyWrittenAsync(table, id, token, cancellationToken) ?? throw new EntryNotFoundException(table, id);
            }
            check?.Invoke(EntryRows.ToStoredEntry(current));
            var actions = EntryRows.DeleteActions(table, current);
            actions.Add(WriteTokens.AddAction(table, token, id));
            if (callRecord is not null)
            {
                actions.Add(callRecord);
            }
            try
            {
                await SubmitRecoveringAsync(table, actions, token, cancellationToken);
                return EntryRows.ToStoredEntry(current);
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                throw TableLimits.TooLarge(current, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure) when (failure.IsConditionNotMet() || failure.IsNotFound())
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        throw new WriteConflictException($"Entry {id} of {table} kept changing while it was being deleted; try again.");
    }

    /// <summary>
    /// Another writer got there first: the entry changed or went (ETag, not found), or a claim this write adds
    /// was taken and released meanwhile (already exists, but no holder left to name). A fresh read settles it.
    /// </summary>
    private static bool IsLostRace(TableTransactionFailedException failure) =>
        failure.IsConditionNotMet() || failure.IsNotFound() || failure.IsAlreadyExists();
}
