using Crm.Core.Sync;
using Cronos;
using Microsoft.Extensions.Options;

namespace Crm.Server;

/// <summary>
/// Crm.Server's stand-in for the Functions timer trigger: runs the sync job on <c>Crm:Sync:Schedule</c>
/// (6-field NCRONTAB, UTC, as the timer trigger reads it). Not at startup; an empty schedule turns it off.
/// The lease keeps it from overlapping with other instances or the <c>sync</c> command.
/// </summary>
public sealed class SyncScheduleService(SyncJob job, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncScheduleService> logger) : BackgroundService
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

    /// <summary>One scheduled run; failures are logged, not thrown, so the schedule goes on. Null when the run failed.</summary>
    public async Task<SyncReport?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await job.RunAsync(SyncTriggers.Timer, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Scheduled synchronization failed; the next scheduled run tries again.");
            return null;
        }
    }
}
