using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>Write tokens in the entry store: recognising committed work after a failure, and removing old tokens.</summary>
public sealed partial class EntryStore
{
    /// <summary>
    /// Submits the transaction. When it fails, it may have committed all the same (the answer was lost and the
    /// SDK's resend failed on the rows the first send wrote, or the retries ran out): if its token row exists,
    /// returns that row instead of failing. Without a token row the original failure stands, unless an earlier
    /// call with the same idempotency key is recorded in its way (<see cref="CallRecordFoundException"/>).
    /// </summary>
    private async Task<Committed> SubmitRecoveringAsync(string table, List<TableTransactionAction> actions, string token, CancellationToken cancellationToken)
    {
        try
        {
            return new Committed(await SubmitAsync(actions, cancellationToken), null);
        }
        catch (Exception failure) when (failure is not (StorageLimitException or OperationCanceledException or InvalidOperationException))
        {
            if (await TryReadTokenAsync(table, token, cancellationToken) is not { } row)
            {
                await ThrowIfEarlierCallAsync(table, actions, cancellationToken);
                throw;
            }
            return new Committed(null, row);
        }
    }

    /// <summary>
    /// For a missing entry inside a <see cref="WriteTokenScope"/>: the entry as far as known (its id) when this very
    /// write happened already (a repeated call whose first run deleted it), else null.
    /// </summary>
    private async Task<StoredEntry?> AlreadyWrittenAsync(string table, long id, string token, CancellationToken cancellationToken) =>
        WriteTokenScope.IsActive && await TryReadTokenAsync(table, token, cancellationToken) is not null
            ? new StoredEntry(id, new Dictionary<string, string>(StringComparer.Ordinal))
            : null;

    /// <summary>The token row, or null when it does not exist or cannot be read now.</summary>
    private async Task<TableEntity?> TryReadTokenAsync(string table, string token, CancellationToken cancellationToken)
    {
        try
        {
            metrics.CountQuery();
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, WriteTokens.Prefix + token, cancellationToken: cancellationToken);
            return response.HasValue ? response.Value : null;
        }
        catch (Exception unreadable) when (StorageOutage.IsOutage(unreadable, cancellationToken))
        {
            return null;
        }
    }

    /// <summary>Deletes the table's write tokens older than <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> RemoveTokensOlderThanAsync(string table, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var expired = new List<TableTransactionAction>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {table} and RowKey ge {WriteTokens.Prefix} and RowKey lt {KeyEscaper.UpperBound(WriteTokens.Prefix)} and Timestamp lt {olderThan}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            expired.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table, row.RowKey), ETag.All));
        }
        foreach (var chunk in expired.Chunk(TableLimits.MaxTransactionActions))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk, cancellationToken);
            }
            catch (TableTransactionFailedException gone) when (gone.Status == 404)
            {
                // Another instance's pass removed some of them first: delete the rest one by one.
                foreach (var action in chunk)
                {
                    await _table.DeleteEntityAsync(table, action.Entity.RowKey, ETag.All, cancellationToken);
                }
            }
        }
        return expired.Count;
    }

    /// <summary>The outcome of a submitted write: the storage response, or the token row of a write that had committed.</summary>
    private readonly record struct Committed(Response<IReadOnlyList<Response>>? Response, TableEntity? Token)
    {
        public bool Recovered => Token is not null;

        /// <summary>The ETag storage gave the transaction's action at <paramref name="index"/>; null for a recovered write.</summary>
        public string? VersionAt(int index) => Response?.Value[index].Headers.ETag?.ToString();

        /// <summary>The new ETag of an update's entry row (its first action).</summary>
        public string? EntryVersion => VersionAt(0);
    }
}
