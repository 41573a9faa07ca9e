using System.Globalization;
using Crm.Storage.SyncRuns;

namespace Crm.Core.Sync;

/// <summary>A run record as the commands answer it: every value a string, times ISO 8601 UTC, absent when not known.</summary>
internal static class SyncRunAnswer
{
    public static List<(string Name, object Value)> Of(SyncRunRecord run)
    {
        var properties = new List<(string Name, object Value)>
        {
            ("status", run.Status),
            ("runId", run.RunId),
            ("trigger", run.Trigger),
            ("requestedAt", Time(run.RequestedAt)),
        };
        if (run.StartedAt is { } started)
        {
            properties.Add(("startedAt", Time(started)));
        }
        if (run.EndedAt is { } ended)
        {
            properties.Add(("endedAt", Time(ended)));
        }
        if (run.IsFinished)
        {
            properties.Add(("created", Text(run.Created)));
            properties.Add(("updated", Text(run.Updated)));
            properties.Add(("deactivated", Text(run.Deactivated)));
            properties.Add(("unchanged", Text(run.Unchanged)));
            properties.Add(("danglingCleared", Text(run.DanglingCleared)));
            properties.Add(("reindexed", Text(run.Reindexed)));
        }
        if (run.Listed is { } listed)
        {
            properties.Add(("listed", Text(listed)));
        }
        if (run.DirectoryComplete is { } complete)
        {
            properties.Add(("directoryComplete", complete ? "true" : "false"));
        }
        if (run.PendingDeactivation is { } pending)
        {
            properties.Add(("pendingDeactivation", Text(pending)));
        }
        if (run.ActiveSynced is { } active)
        {
            properties.Add(("activeSynced", Text(active)));
        }
        if (run.Details is { Length: > 0 } details)
        {
            properties.Add(("details", details));
        }
        return properties;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
