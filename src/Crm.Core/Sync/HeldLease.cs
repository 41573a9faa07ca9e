using Crm.Storage.Leases;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Sync;

/// <summary>
/// A lease kept alive while a run works: renewed every third of its duration. When a renewal finds the
/// lease taken over (this run stalled past its expiry), <see cref="Lost"/> is cancelled so the run stops.
/// Disposing stops renewing and releases the lease.
/// </summary>
internal sealed class HeldLease : IAsyncDisposable
{
    private readonly LeaseStore _store;
    private readonly Lease _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;

    private HeldLease(LeaseStore store, Lease lease, TimeSpan duration, TimeProvider clock, ILogger logger)
    {
        _store = store;
        _lease = lease;
        _duration = duration;
        _clock = clock;
        _logger = logger;
        _renewing = RenewAsync();
    }

    public CancellationToken Lost => _lost.Token;

    public static async Task<HeldLease?> TryTakeAsync(
        LeaseStore store, string name, string owner, TimeSpan duration, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var lease = await store.TryAcquireAsync(name, owner, duration, cancellationToken);
        return lease is null ? null : new HeldLease(store, lease, duration, clock, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            await _store.ReleaseAsync(_lease, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _logger.LogWarning(failure, "The sync lease could not be released; it lapses at {ExpiresAt}.", _lease.ExpiresAt);
        }
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_duration / 3, _clock, _stop.Token);
                try
                {
                    // Not cancelled by DisposeAsync: a renewal cut off after it landed would leave a stale ETag, and the release would miss.
                    if (!await _store.RenewAsync(_lease, _duration, CancellationToken.None))
                    {
                        _logger.LogError("The sync lease was taken over by another run; this run stops.");
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Storage hiccup: try again at the next tick; the lease still has two thirds to go.
                    _logger.LogWarning(failure, "Renewing the sync lease failed; trying again.");
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
