using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Storage.SyncRuns;

/// <summary>
/// Run records and the pointer to the run in flight, in the leases table (partition <c>syncrun</c>). Run rows
/// are keyed <c>r~&lt;runId&gt;</c> where the id starts with inverted ticks, so the newest run is the first row.
/// The pointer row <c>current</c> exists only while a run is queued or running; it is inserted (409 when one
/// exists), so of two requests at once exactly one queues a run.
/// </summary>
public sealed class SyncRunStore(CrmTableSet tables, TimeProvider clock)
{
    private const string Partition = "syncrun";
    private const string CurrentRow = "current";
    private const string RunPrefix = "r~";
    private readonly TableClient _table = tables.Leases;

    /// <summary>A new id that sorts before every earlier one.</summary>
    public string NewRunId()
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - clock.GetUtcNow().UtcTicks;
        return inverted.ToString("D19", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
    }

    public async Task SaveAsync(SyncRunRecord run, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ToRow(run), TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, RunPrefix + runId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.IsNotFound())
        {
        }
    }

    public async Task<SyncRunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (runId.Length == 0 || runId.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            return null; // not an id this store gave out; never let it near a key
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, RunPrefix + runId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? FromRow(entity) : null;
    }

    public async Task<SyncRunRecord?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RunPrefix} and RowKey lt {"r~~"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return FromRow(row);
        }
        return null;
    }

    /// <summary>Makes <paramref name="runId"/> the run in flight; false when another one already is.</summary>
    public async Task<bool> TryClaimCurrentAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, CurrentRow) { ["RunId"] = runId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException taken) when (taken.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>The run in flight and the pointer's version (for <see cref="TryReplaceCurrentAsync"/>); null when none is.</summary>
    public async Task<CurrentRun?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? new CurrentRun(entity.GetString("RunId") ?? "", entity.ETag) : null;
    }

    /// <summary>Points at <paramref name="runId"/> instead of a run found abandoned; false when someone else changed the pointer first.</summary>
    public async Task<bool> TryReplaceCurrentAsync(CurrentRun stale, string runId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(Partition, CurrentRow) { ["RunId"] = runId }, stale.Version, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException lost) when (lost.IsNotFound() || lost.IsConditionNotMet())
        {
            return false;
        }
    }

    /// <summary>Clears the pointer if it still names <paramref name="runId"/>.</summary>
    public async Task ReleaseCurrentAsync(string runId, CancellationToken cancellationToken)
    {
        var current = await GetCurrentAsync(cancellationToken);
        if (current is null || current.RunId != runId)
        {
            return;
        }
        try
        {
            await _table.DeleteEntityAsync(Partition, CurrentRow, current.Version, cancellationToken);
        }
        catch (RequestFailedException moved) when (moved.IsNotFound() || moved.IsConditionNotMet())
        {
        }
    }

    private static TableEntity ToRow(SyncRunRecord run) => new(Partition, RunPrefix + run.RunId)
    {
        ["Trigger"] = run.Trigger,
        ["RequestedAt"] = run.RequestedAt,
        ["ConfirmDeactivation"] = run.ConfirmDeactivation,
        ["Status"] = run.Status,
        ["StartedAt"] = run.StartedAt,
        ["EndedAt"] = run.EndedAt,
        ["Attempts"] = run.Attempts,
        ["Created"] = run.Created,
        ["Updated"] = run.Updated,
        ["Deactivated"] = run.Deactivated,
        ["Unchanged"] = run.Unchanged,
        ["DanglingCleared"] = run.DanglingCleared,
        ["Reindexed"] = run.Reindexed,
        ["Listed"] = run.Listed,
        ["DirectoryComplete"] = run.DirectoryComplete,
        ["PendingDeactivation"] = run.PendingDeactivation,
        ["ActiveSynced"] = run.ActiveSynced,
        ["Details"] = run.Details,
    };

    private static SyncRunRecord FromRow(TableEntity row) => new()
    {
        RunId = row.RowKey[RunPrefix.Length..],
        Trigger = row.GetString("Trigger") ?? "",
        RequestedAt = row.GetDateTimeOffset("RequestedAt") ?? default,
        ConfirmDeactivation = row.GetInt32("ConfirmDeactivation"),
        Status = row.GetString("Status") ?? SyncRunStatuses.Queued,
        StartedAt = row.GetDateTimeOffset("StartedAt"),
        EndedAt = row.GetDateTimeOffset("EndedAt"),
        Attempts = row.GetInt32("Attempts") ?? 0,
        Created = row.GetInt32("Created") ?? 0,
        Updated = row.GetInt32("Updated") ?? 0,
        Deactivated = row.GetInt32("Deactivated") ?? 0,
        Unchanged = row.GetInt32("Unchanged") ?? 0,
        DanglingCleared = row.GetInt32("DanglingCleared") ?? 0,
        Reindexed = row.GetInt32("Reindexed") ?? 0,
        Listed = row.GetInt32("Listed"),
        DirectoryComplete = row.GetBoolean("DirectoryComplete"),
        PendingDeactivation = row.GetInt32("PendingDeactivation"),
        ActiveSynced = row.GetInt32("ActiveSynced"),
        Details = row.GetString("Details"),
    };
}

/// <summary>The pointer to the run in flight, with its version for a guarded replace.</summary>
public sealed record CurrentRun(string RunId, ETag Version);
