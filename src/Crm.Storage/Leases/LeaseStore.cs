using Azure;
using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Storage.Leases;

/// <summary>
/// Named leases in the <c>Leases</c> table: one row per lease, taken and renewed only with the row's
/// ETag, so of two instances racing for it exactly one wins. A holder that stops renewing (crashed) loses
/// the lease when its expiry passes; expiry is judged by the clock of the instance that wants the lease.
/// </summary>
public sealed class LeaseStore(CrmTableSet tables, TimeProvider clock)
{
    private const string Partition = "lease";
    private readonly TableClient _table = tables.Leases;

    /// <summary>Takes the lease when nobody holds it or the holder's expiry has passed; null when someone else holds it.</summary>
    public async Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        var now = clock.GetUtcNow();
        var row = Row(name, owner, now, now + duration);
        try
        {
            if (!existing.HasValue || existing.Value is null)
            {
                var added = await _table.AddEntityAsync(row, cancellationToken);
                return new Lease(name, owner, now, now + duration, added.Headers.ETag ?? ETag.All);
            }
            if (existing.Value.GetDateTimeOffset("ExpiresAt") is { } expiresAt && expiresAt > now)
            {
                return null;
            }
            var replaced = await _table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return new Lease(name, owner, now, now + duration, replaced.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException failure) when (failure.IsAlreadyExists() || failure.IsConditionNotMet())
        {
            return null;
        }
    }

    /// <summary>Moves the expiry to now + <paramref name="duration"/>; false when the lease was taken over meanwhile.</summary>
    public async Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var response = await _table.UpdateEntityAsync(Row(lease.Name, lease.Owner, lease.AcquiredAt, now + duration), lease.ETag, TableUpdateMode.Replace, cancellationToken);
            lease.ETag = response.Headers.ETag ?? ETag.All;
            lease.ExpiresAt = now + duration;
            return true;
        }
        catch (RequestFailedException failure) when (failure.IsConditionNotMet())
        {
            // A renewal whose answer was lost (a busy store, a timeout) is resent by the SDK with the old ETag and
            // fails although it landed: the row still naming this holder is ours, at the version it now has.
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, lease.Name, cancellationToken: cancellationToken);
            if (row.HasValue && row.Value is { } current && current.GetString("Owner") == lease.Owner && current.GetDateTimeOffset("AcquiredAt") == lease.AcquiredAt)
            {
                lease.ETag = current.ETag;
                lease.ExpiresAt = current.GetDateTimeOffset("ExpiresAt") ?? lease.ExpiresAt;
                return true;
            }
            return false;
        }
        catch (RequestFailedException failure) when (failure.IsNotFound())
        {
            return false;
        }
    }

    /// <summary>Gives the lease up at once (if it is still ours), so the next run need not wait for the expiry.</summary>
    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, lease.Name, lease.ETag, cancellationToken);
        }
        catch (RequestFailedException failure) when (failure.IsNotFound() || failure.IsConditionNotMet())
        {
            // Expired and taken over, or already gone: nothing of ours to release.
        }
    }

    public async Task<LeaseHolder?> GetHolderAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        return existing.HasValue && existing.Value is { } row
            ? new LeaseHolder(row.GetString("Owner") ?? "", row.GetDateTimeOffset("AcquiredAt") ?? default, row.GetDateTimeOffset("ExpiresAt") ?? default)
            : null;
    }

    private static TableEntity Row(string name, string owner, DateTimeOffset acquiredAt, DateTimeOffset expiresAt) =>
        new(Partition, name)
        {
            ["Owner"] = owner,
            ["AcquiredAt"] = acquiredAt,
            ["ExpiresAt"] = expiresAt,
        };
}
