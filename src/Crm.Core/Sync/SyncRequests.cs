using Crm.Core.Errors;
using Crm.Core.Startup;
using Crm.Storage.Leases;
using Crm.Storage.SyncRuns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Core.Sync;

/// <summary>
/// Queues a synchronization run (for the <c>sync</c> command and the timers) and answers at once. At most one
/// run is queued or running: a request while one is returns that run instead. A run found abandoned (queued
/// for longer than <see cref="QueuedStaleAfter"/>, or running without a live lease) is marked failed and replaced.
/// </summary>
public sealed class SyncRequests(
    CrmStartup startup,
    SyncRunStore runs,
    RunQueueClient queue,
    LeaseStore leases,
    SyncRunSignal signal,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncRequests> logger)
{
    /// <summary>A queued run not picked up within this is taken as lost (its message gone or poisoned).</summary>
    public static readonly TimeSpan QueuedStaleAfter = TimeSpan.FromMinutes(10);

    /// <returns>The run that will do the work, and whether this request queued it.</returns>
    public async Task<(SyncRunRecord Run, bool Queued)> RequestAsync(string trigger, int? confirmDeactivation, CancellationToken cancellationToken)
    {
        if (!queue.IsConfigured)
        {
            throw CrmException.Unavailable($"The synchronization queue is not configured ({RunQueueClient.WhereConfigured}); nothing was started.");
        }
        await startup.EnsureReadyAsync(cancellationToken);
        var run = new SyncRunRecord { RunId = runs.NewRunId(), Trigger = trigger, RequestedAt = clock.GetUtcNow(), ConfirmDeactivation = confirmDeactivation };
        await runs.SaveAsync(run, cancellationToken);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await runs.TryClaimCurrentAsync(run.RunId, cancellationToken))
            {
                await SendAsync(run, cancellationToken);
                return (run, true);
            }
            var current = await runs.GetCurrentAsync(cancellationToken);
            if (current is null)
            {
                continue; // it just finished
            }
            var existing = await runs.GetAsync(current.RunId, cancellationToken);
            if (existing is not null && !await IsAbandonedAsync(existing, cancellationToken))
            {
                await runs.DeleteAsync(run.RunId, cancellationToken);
                return (existing, false);
            }
            if (await runs.TryReplaceCurrentAsync(current, run.RunId, cancellationToken))
            {
                if (existing is { IsFinished: false })
                {
                    existing.Status = SyncRunStatuses.Failed;
                    existing.EndedAt = clock.GetUtcNow();
                    existing.Details = "The run was not carried out (its queue message was lost or its instance stopped); a later request replaced it.";
                    await runs.SaveAsync(existing, cancellationToken);
                }
                logger.LogWarning("Synchronization run {Stale} was abandoned; run {RunId} replaces it.", current.RunId, run.RunId);
                await SendAsync(run, cancellationToken);
                return (run, true);
            }
        }
        throw new CrmException(ErrorCode.Conflict, "Synchronization requests kept crossing; try again.");
    }

    private async Task SendAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(new SyncRunMessage(run.RunId).ToJson(), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Synchronization run {RunId} could not be queued.", run.RunId);
            run.Status = SyncRunStatuses.Failed;
            run.EndedAt = clock.GetUtcNow();
            run.Details = "The run could not be queued.";
            await runs.SaveAsync(run, CancellationToken.None);
            await runs.ReleaseCurrentAsync(run.RunId, CancellationToken.None);
            throw CrmException.Unavailable("The synchronization could not be queued; nothing was started.");
        }
        signal.Notify();
        logger.LogInformation("Synchronization run {RunId} queued ({Trigger}).", run.RunId, run.Trigger);
    }

    private async Task<bool> IsAbandonedAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (run.IsFinished)
        {
            return true; // finished, but its pointer was never cleared
        }
        if (run.Status == SyncRunStatuses.Queued)
        {
            return now - run.RequestedAt > QueuedStaleAfter;
        }
        var holder = await leases.GetHolderAsync(SyncJob.LeaseName, cancellationToken);
        var leaseLive = holder is not null && holder.ExpiresAt > now;
        var leaseWindow = TimeSpan.FromSeconds(Math.Max(3, options.Value.LeaseSeconds));
        return !leaseLive && now - (run.StartedAt ?? run.RequestedAt) > leaseWindow;
    }
}
