namespace Crm.Core.Sync;

/// <summary>Wakes an in-process queue consumer when this instance queued a run, so it need not wait for its next poll.</summary>
public sealed class SyncRunSignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Notify()
    {
        if (_queued.CurrentCount == 0)
        {
            try
            {
                _queued.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for a signal or the timeout (real time: polling is about the queue, not the schedule), whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);
}
