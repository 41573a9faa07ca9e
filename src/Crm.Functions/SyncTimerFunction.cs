using Crm.Core.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Crm.Functions;

/// <summary>
/// The scheduled synchronization: the app setting <c>Crm:Sync:Schedule</c> (<c>Crm__Sync__Schedule</c>,
/// 6-field NCRONTAB, e.g. hourly <c>0 0 * * * *</c>) must be set, or the host cannot index this function.
/// No RunOnStartup: a scale-out would start a run per new instance. A failed run fails the invocation
/// (logged); the next tick tries again.
/// </summary>
public sealed class SyncTimerFunction(SyncJob job, ILogger<SyncTimerFunction> logger)
{
    public const string ScheduleSetting = "%Crm:Sync:Schedule%";

    [Function("Sync")]
    public async Task Run([TimerTrigger(ScheduleSetting)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The synchronization timer is past due; running now.");
        }
        var report = await job.RunAsync(SyncTriggers.Timer, cancellationToken);
        logger.LogInformation("Scheduled synchronization: {Report}", report);
    }
}
