using Crm.Core.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Crm.Functions;

/// <summary>
/// The scheduled synchronization: queues a run (picked up by <see cref="SyncQueueFunction"/>) on the app setting
/// <c>CrmSyncSchedule</c> (6-field NCRONTAB, e.g. hourly <c>0 0 * * * *</c>; see <see cref="SyncTimerSchedule"/>), which
/// must be set or the host cannot index this function. No RunOnStartup: a scale-out would queue a run per new
/// instance. A run already queued or running is left to do the work.
/// </summary>
public sealed class SyncTimerFunction(SyncRequests requests, ILogger<SyncTimerFunction> logger)
{
    [Function("Sync")]
    public async Task Run([TimerTrigger(SyncTimerSchedule.BindingExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The synchronization timer is past due; queuing now.");
        }
        var (run, queued) = await requests.RequestAsync(SyncTriggers.Timer, confirmDeactivation: null, cancellationToken);
        logger.LogInformation("Scheduled synchronization: run {RunId} {What}.", run.RunId, queued ? "queued" : $"already {run.Status}");
    }
}
