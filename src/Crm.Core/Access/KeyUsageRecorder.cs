using System.Collections.Concurrent;
using Crm.Storage.Access;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Access;

/// <summary>
/// Remembers when each key was last used: in memory at every call, in Table Storage at most once per
/// <see cref="WriteInterval"/> per key on this instance (in the background: a call never waits for it).
/// </summary>
public sealed class KeyUsageRecorder(KeyUsageStore store, TimeProvider clock, ILogger<KeyUsageRecorder> logger)
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    public void Record(ApiKey key)
    {
        var now = clock.GetUtcNow();
        var write = false;
        _usage.AddOrUpdate(key.Id,
            _ =>
            {
                write = true;
                return new Usage(now, now);
            },
            (_, seen) =>
            {
                write = now - seen.WrittenAt >= WriteInterval;
                return new Usage(now, write ? now : seen.WrittenAt);
            });
        if (write)
        {
            _ = WriteAsync(key.Id, now);
        }
    }

    /// <summary>Last use by key id: the stored one (any instance) or this instance's, whichever is later.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastUsedAsync(CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, DateTimeOffset>(await store.LoadAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var (id, usage) in _usage)
        {
            if (!merged.TryGetValue(id, out var stored) || stored < usage.UsedAt)
            {
                merged[id] = usage.UsedAt;
            }
        }
        return merged;
    }

    private async Task WriteAsync(string keyId, DateTimeOffset usedAt)
    {
        try
        {
            await store.RecordAsync(keyId, usedAt, CancellationToken.None);
        }
#pragma warning disable CA1031 // A lost usage record must not fail anything; it is logged and the next minute writes again.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogWarning("Recording the last use of key {KeyId} failed: {Reason}", keyId, failure.Message);
        }
    }

    private sealed record Usage(DateTimeOffset UsedAt, DateTimeOffset WrittenAt);
}
