using Azure;
using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Storage.Idempotency;

/// <summary>
/// The records of <c>Idempotency-Key</c> calls, one row (and partition) per hashed key in the <c>CrmRequests</c>
/// table. The writes a call makes carry write tokens derived from the same hash, in their own transactions.
/// </summary>
public sealed class IdempotencyStore(CrmTableSet tables)
{
    private const string RowKey = "r";
    private readonly TableClient _table = tables.Requests;

    public async Task<IdempotencyRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row)
        {
            return null;
        }
        return new IdempotencyRecord(id, row.GetString("Fingerprint") ?? "", row.GetString("Instance") ?? "",
            row.GetDateTimeOffset("Started") ?? DateTimeOffset.MinValue, row.GetInt32("Status"), row.GetString("Answer"), row.ETag);
    }

    /// <summary>Starts a call: false when another call with the key got there first.</summary>
    public async Task<bool> TryStartAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToRow(record), cancellationToken);
            return true;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Takes over a record whose call died or expired: false when another call changed it meanwhile.</summary>
    public async Task<bool> TryTakeOverAsync(IdempotencyRecord stale, IdempotencyRecord fresh, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToRow(fresh), stale.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException changed) when (changed.Status is 412 or 404)
        {
            return false;
        }
    }

    public Task FinishAsync(IdempotencyRecord record, int status, string answer, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToRow(record with { Status = status, Answer = answer }), TableUpdateMode.Replace, cancellationToken);

    public Task ForgetAsync(string id, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(id, RowKey, ETag.All, cancellationToken);

    /// <summary>Removes records of calls started before <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> RemoveStartedBeforeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Started lt {olderThan}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, RowKey, ETag.All, cancellationToken);
            removed++;
        }
        return removed;
    }

    private static TableEntity ToRow(IdempotencyRecord record)
    {
        var row = new TableEntity(record.Id, RowKey)
        {
            ["Fingerprint"] = record.Fingerprint,
            ["Instance"] = record.Instance,
            ["Started"] = record.Started,
        };
        if (record.Status is { } status)
        {
            row["Status"] = status;
            row["Answer"] = record.Answer ?? "";
        }
        return row;
    }
}
