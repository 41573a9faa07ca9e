using System.Diagnostics;
using Crm.Core.Errors;
using Crm.Core.Startup;
using Crm.Storage.SyncRuns;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Sync;

public enum SyncRunOutcome
{
    /// <summary>The message is done with (the run finished, was finished before, or the message was not a run): delete it.</summary>
    Finished,

    /// <summary>Another run holds the lease: leave the message to come back later.</summary>
    Deferred,
}

/// <summary>
/// Carries out one queued run: the queue trigger (Azure) and Crm.Server's consumer both call this. The run record
/// goes queued → running → completed, held or failed. A failure's details are a short summary and the trace id;
/// the exception itself goes only to the log.
/// </summary>
public sealed class SyncRunner(CrmStartup startup, SyncRunStore runs, SyncJob job, TimeProvider clock, ILogger<SyncRunner> logger)
{
    public const string ActivitySourceName = "Crm.Sync";

    private static readonly ActivitySource RunSource = new(ActivitySourceName);

    public async Task<SyncRunOutcome> ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        if (SyncRunMessage.Parse(messageText) is not { } message)
        {
            logger.LogError("A message on the synchronization queue is not a run; it is dropped.");
            return SyncRunOutcome.Finished;
        }
        await startup.EnsureReadyAsync(cancellationToken);
        var run = await runs.GetAsync(message.RunId, cancellationToken);
        if (run is null || run.IsFinished)
        {
            return SyncRunOutcome.Finished;
        }

        // From a named source, so a tracer records it and the run's Jira and storage calls nest under it; a bare
        // Activity would be an unrecorded parent, and the sampler would drop every dependency of the run with it.
        using var activity = RunSource.StartActivity("crm.sync.run") ?? (Activity.Current is null ? new Activity("crm.sync.run").Start() : null);
        var traceId = Activity.Current?.TraceId.ToString() ?? run.RunId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SyncRunId"] = run.RunId, ["TraceId"] = traceId });
        run.Status = SyncRunStatuses.Running;
        run.StartedAt = clock.GetUtcNow();
        run.Attempts++;
        await runs.SaveAsync(run, cancellationToken);
        try
        {
            var report = await job.RunAsync(run.Trigger, run.ConfirmDeactivation, cancellationToken);
            if (report.Status == SyncStatus.Running)
            {
                run.Status = SyncRunStatuses.Queued;
                run.StartedAt = null;
                await runs.SaveAsync(run, cancellationToken);
                return SyncRunOutcome.Deferred;
            }
            Record(run, report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the message comes back and the run starts over.
            run.Status = SyncRunStatuses.Queued;
            await runs.SaveAsync(run, CancellationToken.None);
            throw;
        }
        catch (CrmException refused)
        {
            logger.LogError(refused, "Synchronization run {RunId} failed: {Details}", run.RunId, refused.Details);
            run.Status = SyncRunStatuses.Failed;
            run.Details = $"{refused.Details} (trace id {traceId})";
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Synchronization run {RunId} failed unexpectedly.", run.RunId);
            run.Status = SyncRunStatuses.Failed;
            run.Details = $"The synchronization failed unexpectedly; nothing more is known here, the log has the details under trace id {traceId}.";
        }
        run.EndedAt = clock.GetUtcNow();
        await runs.SaveAsync(run, CancellationToken.None);
        await runs.ReleaseCurrentAsync(run.RunId, CancellationToken.None);
        logger.LogInformation("Synchronization run {RunId} {Status}.", run.RunId, run.Status);
        return SyncRunOutcome.Finished;
    }

    private static void Record(SyncRunRecord run, SyncReport report)
    {
        run.Status = report.Status == SyncStatus.Held ? SyncRunStatuses.Held : SyncRunStatuses.Completed;
        run.Created = report.Import.Created;
        run.Updated = report.Import.Updated;
        run.Deactivated = report.Import.Deactivated;
        run.Unchanged = report.Import.Unchanged;
        run.DanglingCleared = report.Maintenance.DanglingCleared;
        run.Reindexed = report.Maintenance.Reindexed;
        run.Listed = report.Listed;
        run.DirectoryComplete = report.DirectoryComplete;
        run.PendingDeactivation = report.PendingDeactivation;
        run.ActiveSynced = report.ActiveSynced;
        run.Details = report.Details;
    }
}
