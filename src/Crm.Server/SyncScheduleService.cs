using Crm.Core.Sync;
using Cronos;
using Microsoft.Extensions.Options;

namespace Crm.Server;

/// <summary>
/// Crm.Server's stand-in for the Functions timer trigger: queues a synchronization run on <c>Crm:Sync:Schedule</c>
/// (6-field NCRONTAB, UTC, as the timer trigger reads it). Not at startup; an empty schedule turns it off.
/// A run already queued or running (command, other instance) is left to do the work.
/// </summary>
public sealed class SyncScheduleService(SyncRequests requests, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncScheduleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Schedule;
        if (string.IsNullOrWhiteSpace(schedule))
        {
            logger.LogInformation("{Setting} is empty: no scheduled synchronization.", $"{SyncOptions.SectionName}:Schedule");
            return;
        }
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException failure)
        {
            logger.LogError(failure, "{Setting} '{Schedule}' is not a 6-field cron expression: no scheduled synchronization.", $"{SyncOptions.SectionName}:Schedule", schedule);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (cron.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }
            try
            {
                await Task.Delay(new DateTimeOffset(next, TimeSpan.Zero) - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>Queues one scheduled run; failures are logged, not thrown, so the schedule goes on. The run that will do the work, null when none could be queued.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (run, _) = await requests.RequestAsync(SyncTriggers.Timer, confirmDeactivation: null, cancellationToken);
            return run.RunId;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "The scheduled synchronization could not be queued; the next scheduled run tries again.");
            return null;
        }
    }
}
