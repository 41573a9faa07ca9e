namespace Crm.Storage.Entries;

/// <summary>
/// Group commit for the creates of one table in this instance: creates that arrive while a transaction is
/// under way wait, then go together in the next one, with one counter update for all of them. So concurrent
/// callers never race each other for the id counter, and a bulk load pays one round trip per batch.
/// </summary>
internal sealed class CreateQueue(Func<IReadOnlyList<PendingCreate>, Task<IReadOnlyList<WrittenEntry>>> writeBatch)
{
    /// <summary>One transaction holds 100 actions; one is the counter (each entry's own rows include its write token).</summary>
    private const int MaxRowsPerBatch = TableLimits.MaxTransactionActions - 1;

    /// <summary>A transaction's payload may be at most 4 MiB (<see cref="TransactionSize"/>); stay below with room for the counter.</summary>
    private const long MaxBytesPerBatch = 3L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<Pending> _waiting = [];
    private bool _draining;

    public async Task<WrittenEntry> EnqueueAsync(PendingCreate create, CancellationToken cancellationToken)
    {
        var pending = new Pending(create);
        bool drain;
        lock (_lock)
        {
            _waiting.Add(pending);
            drain = !_draining;
            _draining = true;
        }
        if (drain)
        {
            await DrainAsync(pending);
        }
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes batches until the caller's own create is done, then hands what is left to a background drainer.</summary>
    private async Task DrainAsync(Pending? own)
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _draining = false;
                    return;
                }
                if (own is not null && own.Done.Task.IsCompleted)
                {
                    _ = Task.Run(() => DrainAsync(own: null));
                    return;
                }
                batch = TakeBatch();
            }
            await WriteAsync(batch);
        }
    }

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        var rows = 0;
        long bytes = 0;
        foreach (var pending in _waiting)
        {
            var pendingRows = (pending.Create.CallRecord is null ? 2 : 3) + pending.Create.Image.Claims.Count + pending.Create.Image.Index.Count;
            var pendingBytes = pending.Create.Bytes;
            if (batch.Count > 0 && (rows + pendingRows > MaxRowsPerBatch || bytes + pendingBytes > MaxBytesPerBatch))
            {
                break;
            }
            batch.Add(pending);
            rows += pendingRows;
            bytes += pendingBytes;
        }
        _waiting.RemoveRange(0, batch.Count);
        return batch;
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var written = await writeBatch(batch.Select(p => p.Create).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(written[i]);
            }
        }
        catch (BatchRejectedException)
        {
            // One of them is at fault (a duplicate, a limit): alone, each gets its own answer.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception failure)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(failure);
            }
        }
    }

    private sealed class Pending(PendingCreate create)
    {
        public PendingCreate Create { get; } = create;
        public TaskCompletionSource<WrittenEntry> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One create waiting for its transaction: the entry, its write token, its call's record if any and the bytes its rows take as sent.</summary>
internal sealed record PendingCreate(EntryImage Image, string Token, Azure.Data.Tables.TableTransactionAction? CallRecord, long Bytes);

/// <summary>A batch of creates failed for a reason other than the counter: each must be tried alone.</summary>
internal sealed class BatchRejectedException(Exception inner) : Exception("A batch of creates was rejected.", inner);
