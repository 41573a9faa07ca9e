using Crm.Core.Sync;
using Crm.Storage.SyncRuns;

namespace Crm.Server;

/// <summary>
/// Crm.Server's stand-in for the Functions queue trigger: takes requested runs off the run queue one at a time and
/// carries them out. A message stays hidden while its run works (renewed), is deleted when the run finished, and
/// comes back after a short wait when another instance's run holds the lease. Polls every few seconds, at once
/// when this instance queued a run.
/// </summary>
public sealed class SyncQueueService(RunQueueClient queue, SyncRunner runner, SyncRunSignal signal, ILogger<SyncQueueService> logger) : BackgroundService
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDeferred = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queue.IsConfigured)
        {
            logger.LogWarning("No synchronization queue is configured ({Where}): runs are not carried out here.", RunQueueClient.WhereConfigured);
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var message = await queue.ReceiveAsync(Visibility, stoppingToken);
                if (message is null)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
                else
                {
                    await ProcessAsync(message, stoppingToken);
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(60, 2 << Math.Min(failures, 5)));
                logger.LogWarning(failure, "The synchronization queue could not be read; trying again in {Wait}.", wait);
                await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProcessAsync(RunQueueMessage message, CancellationToken stoppingToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var hidden = message;
        var keepHidden = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await Task.Delay(Visibility / 3, done.Token);
                hidden = await queue.HideAsync(hidden, Visibility, done.Token);
            }
        }, CancellationToken.None);
        SyncRunOutcome outcome;
        try
        {
            outcome = await runner.ProcessAsync(message.Body, stoppingToken);
        }
        finally
        {
            await done.CancelAsync();
            await keepHidden.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (outcome == SyncRunOutcome.Finished)
        {
            await queue.DeleteAsync(hidden, CancellationToken.None);
        }
        else
        {
            await queue.HideAsync(hidden, RetryDeferred, CancellationToken.None);
        }
    }
}
