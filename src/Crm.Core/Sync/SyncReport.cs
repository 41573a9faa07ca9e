namespace Crm.Core.Sync;

public enum SyncStatus
{
    Completed,
    Running,
    Skipped,

    /// <summary>Deactivations were withheld by the mass-deactivation guard until an admin confirms them.</summary>
    Held,
}

/// <summary>What the directory import changed. <see cref="Unchanged"/> counts the synchronized contacts that needed no write.</summary>
public sealed record ImportCounts(int Created, int Updated, int Deactivated, int Unchanged)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0);
}

/// <summary>The import's counts and what the guard decided about deactivations.</summary>
public sealed record ImportResult(ImportCounts Counts, DeactivationVerdict Deactivation);

/// <summary>What the maintenance pass fixed.</summary>
public sealed record MaintenanceCounts(int DanglingCleared, int Reindexed)
{
    public static MaintenanceCounts None { get; } = new(0, 0);
}

/// <summary>
/// The outcome of one synchronization run; <see cref="Details"/> says why a run was skipped, held or could not
/// deactivate, or who holds the lease. It never carries exception text.
/// </summary>
public sealed record SyncReport(SyncStatus Status, string? Details, ImportCounts Import, MaintenanceCounts Maintenance)
{
    /// <summary>Users Jira listed; null when the import did not run.</summary>
    public int? Listed { get; init; }

    public bool? DirectoryComplete { get; init; }

    /// <summary>Held: the deactivations waiting for confirmation and the active synced contacts they were measured against.</summary>
    public int? PendingDeactivation { get; init; }

    public int? ActiveSynced { get; init; }

    public static SyncReport Running(string details) => new(SyncStatus.Running, details, ImportCounts.None, MaintenanceCounts.None);

    public override string ToString() =>
        $"{Status}: created {Import.Created}, updated {Import.Updated}, deactivated {Import.Deactivated}, unchanged {Import.Unchanged}, " +
        $"dangling references cleared {Maintenance.DanglingCleared}, entries reindexed {Maintenance.Reindexed}" + (Details is null ? "" : $" ({Details})");
}
