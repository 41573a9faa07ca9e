using Crm.Core.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Crm.Functions;

/// <summary>
/// The scheduled synchronization: the app setting <c>CrmSyncSchedule</c> (6-field NCRONTAB, e.g. hourly
/// <c>0 0 * * * *</c>; see <see cref="SyncTimerSchedule"/>) must be set, or the host cannot index this function.
/// No RunOnStartup: a scale-out would start a run per new instance. A failed run fails the invocation
/// (logged); the next tick tries again.
/// </summary>
public sealed class SyncTimerFunction(SyncJob job, ILogger<SyncTimerFunction> logger)
{
    [Function("Sync")]
    public async Task Run([TimerTrigger(SyncTimerSchedule.BindingExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The synchronization timer is past due; running now.");
        }
        var report = await job.RunAsync(SyncTriggers.Timer, cancellationToken);
        logger.LogInformation("Scheduled synchronization: {Report}", report);
    }
}
