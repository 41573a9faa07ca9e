using System.Globalization;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Startup;
using Crm.Storage.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Core.Sync;

/// <summary>
/// One synchronization run, whoever starts it (timer or <c>sync</c> command): take the lease (else report
/// <c>running</c>), read the whole directory, then write the contacts (so a directory failure writes
/// nothing), then run the maintenance pass. Without a configured directory the import is skipped and the
/// maintenance pass still runs.
/// </summary>
public sealed class SyncJob(
    CrmStartup startup,
    LeaseStore leases,
    JiraDirectoryClient directory,
    SchemaCatalog schema,
    ContactImport import,
    MaintenancePass maintenance,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncJob> logger)
{
    public const string LeaseName = "sync";

    public Task<SyncReport> RunAsync(string trigger, CancellationToken cancellationToken) => RunAsync(trigger, confirmDeactivation: null, cancellationToken);

    /// <param name="trigger">Who started the run (<c>timer</c>, <c>command</c>); recorded in the lease for the <c>running</c> answer.</param>
    /// <param name="confirmDeactivation">The number of deactivations an admin confirmed, releasing a run the guard would hold.</param>
    /// <exception cref="CrmException"><c>unavailable</c> when the directory could not be read (details without internals); nothing was written.</exception>
    public async Task<SyncReport> RunAsync(string trigger, int? confirmDeactivation, CancellationToken cancellationToken)
    {
        await startup.EnsureReadyAsync(cancellationToken);
        var duration = TimeSpan.FromSeconds(Math.Max(3, options.Value.LeaseSeconds));
        var owner = $"{trigger} on {Environment.MachineName} ({Guid.NewGuid().ToString("N")[..8]})";
        await using var lease = await HeldLease.TryTakeAsync(leases, LeaseName, owner, duration, clock, logger, cancellationToken);
        if (lease is null)
        {
            var holder = await leases.GetHolderAsync(LeaseName, cancellationToken);
            var details = holder is null
                ? "Another synchronization is running."
                : $"A synchronization started by {holder.Owner} at {Time(holder.AcquiredAt)} is running (lease until {Time(holder.ExpiresAt)}).";
            logger.LogInformation("Synchronization ({Trigger}) not started: {Details}", trigger, details);
            return SyncReport.Running(details);
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            logger.LogInformation("Synchronization started ({Owner}).", owner);
            var skipped = directory.WhyNotConfigured();
            if (skipped is not null)
            {
                var maintained = await maintenance.RunAsync(run.Token);
                logger.LogInformation("Synchronization skipped the import: {Details}", skipped);
                return new SyncReport(SyncStatus.Skipped, skipped, ImportCounts.None, maintained);
            }
            var (listing, imported) = await ImportAsync(confirmDeactivation, run.Token);
            var fixes = await maintenance.RunAsync(run.Token);
            var verdict = imported.Deactivation;
            var report = new SyncReport(verdict.Held ? SyncStatus.Held : SyncStatus.Completed, verdict.Reason, imported.Counts, fixes)
            {
                Listed = listing.Users.Count,
                DirectoryComplete = listing.Complete,
                PendingDeactivation = verdict.Allowed ? null : verdict.WouldDeactivate,
                ActiveSynced = verdict.ActiveSynced,
            };
            logger.LogInformation("Synchronization finished: {Report}", report);
            return report;
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CrmException(ErrorCode.Conflict, "This synchronization stalled past its lease and another run took over; it stopped.");
        }
    }

    private async Task<(DirectoryListing Listing, ImportResult Result)> ImportAsync(int? confirmDeactivation, CancellationToken cancellationToken)
    {
        DirectoryListing listing;
        try
        {
            listing = await directory.FetchAllAsync(cancellationToken);
        }
        catch (DirectoryUnavailableException failure)
        {
            logger.LogError(failure, "Synchronization failed reading the directory; nothing was changed.");
            throw CrmException.Unavailable($"The user directory could not be read, so nothing was changed: {failure.Summary}");
        }
        var contacts = await schema.GetTableAsync(DefaultSchema.Contacts, cancellationToken);
        var result = await import.RunAsync(contacts, listing, options.Value.MaxDeactivationPercent, confirmDeactivation, cancellationToken);
        return (listing, result);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
