using System.Globalization;
using Crm.Core.Commands;

namespace Crm.Core.Sync;

/// <summary><c>sync</c> (spec §5.5): runs the synchronization now and answers with what it did, all counts as strings.</summary>
public sealed class SyncHandler(SyncJob job)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        // Not tied to the caller's connection: an import cut off half-way would only be finished by the next run.
        var report = await job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        var properties = new List<(string Name, object Value)>
        {
            ("status", report.Status.ToString().ToLowerInvariant()),
            ("created", Text(report.Import.Created)),
            ("updated", Text(report.Import.Updated)),
            ("deactivated", Text(report.Import.Deactivated)),
            ("unchanged", Text(report.Import.Unchanged)),
            ("danglingCleared", Text(report.Maintenance.DanglingCleared)),
            ("reindexed", Text(report.Maintenance.Reindexed)),
        };
        if (report.Details is not null)
        {
            properties.Add(("details", report.Details));
        }
        return new PropertiesResult([.. properties]);
    }

    private static string Text(int count) => count.ToString(CultureInfo.InvariantCulture);
}
