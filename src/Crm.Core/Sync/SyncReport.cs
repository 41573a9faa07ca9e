namespace Crm.Core.Sync;

public enum SyncStatus
{
    Completed,
    Running,
    Skipped,
}

/// <summary>What the directory import changed. <see cref="Unchanged"/> counts the synchronized contacts that needed no write.</summary>
public sealed record ImportCounts(int Created, int Updated, int Deactivated, int Unchanged)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0);
}

/// <summary>What the maintenance pass fixed.</summary>
public sealed record MaintenanceCounts(int DanglingCleared, int Reindexed)
{
    public static MaintenanceCounts None { get; } = new(0, 0);
}

/// <summary>The outcome of one synchronization run; <see cref="Details"/> says why a run was skipped or who holds the lease.</summary>
public sealed record SyncReport(SyncStatus Status, string? Details, ImportCounts Import, MaintenanceCounts Maintenance)
{
    public static SyncReport Running(string details) => new(SyncStatus.Running, details, ImportCounts.None, MaintenanceCounts.None);

    public override string ToString() =>
        $"{Status}: created {Import.Created}, updated {Import.Updated}, deactivated {Import.Deactivated}, unchanged {Import.Unchanged}, " +
        $"dangling references cleared {Maintenance.DanglingCleared}, entries reindexed {Maintenance.Reindexed}" + (Details is null ? "" : $" ({Details})");
}
