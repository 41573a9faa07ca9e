using Azure;

namespace Crm.Storage.Leases;

/// <summary>A lease this instance holds; <see cref="LeaseStore.RenewAsync"/> moves its expiry and ETag forward.</summary>
public sealed class Lease
{
    internal Lease(string name, string owner, DateTimeOffset acquiredAt, DateTimeOffset expiresAt, ETag etag)
    {
        Name = name;
        Owner = owner;
        AcquiredAt = acquiredAt;
        ExpiresAt = expiresAt;
        ETag = etag;
    }

    public string Name { get; }
    public string Owner { get; }
    public DateTimeOffset AcquiredAt { get; }
    public DateTimeOffset ExpiresAt { get; internal set; }
    internal ETag ETag { get; set; }
}

/// <summary>Who holds a lease and until when, as stored.</summary>
public sealed record LeaseHolder(string Owner, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
