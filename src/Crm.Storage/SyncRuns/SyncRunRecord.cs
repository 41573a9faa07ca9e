namespace Crm.Storage.SyncRuns;

/// <summary>
/// One requested synchronization run as stored: who asked, its status (<c>queued</c>, <c>running</c>,
/// <c>completed</c>, <c>held</c>, <c>failed</c>), its times and counts, and a short summary fit for callers.
/// </summary>
public sealed class SyncRunRecord
{
    public required string RunId { get; init; }
    public required string Trigger { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The number of deactivations an admin confirmed for this run (releases a held run once).</summary>
    public int? ConfirmDeactivation { get; init; }

    public string Status { get; set; } = SyncRunStatuses.Queued;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int Attempts { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Deactivated { get; set; }
    public int Unchanged { get; set; }
    public int DanglingCleared { get; set; }
    public int Reindexed { get; set; }

    /// <summary>Users Jira listed (after the edition's filters).</summary>
    public int? Listed { get; set; }

    /// <summary>Whether the run could show it saw the whole directory; only then may it deactivate.</summary>
    public bool? DirectoryComplete { get; set; }

    /// <summary>Held: the deactivations the run would have made, and the active synced contacts they are measured against.</summary>
    public int? PendingDeactivation { get; set; }
    public int? ActiveSynced { get; set; }

    /// <summary>Why a run was held, skipped part of its work or failed: never exception text, URLs or host names.</summary>
    public string? Details { get; set; }

    public bool IsFinished => Status is SyncRunStatuses.Completed or SyncRunStatuses.Held or SyncRunStatuses.Failed;
}

public static class SyncRunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Held = "held";
    public const string Failed = "failed";
}
