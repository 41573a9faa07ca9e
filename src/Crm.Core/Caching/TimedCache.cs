using System.Collections.Concurrent;

namespace Crm.Core.Caching;

/// <summary>
/// Values kept for a fixed lifetime on the injected clock, loaded once per key at a time. The caches built on it
/// (schema, dictionaries, users and rights) write through themselves and call <see cref="Invalidate"/>, so a change
/// made through this instance is seen at once and one made elsewhere within the lifetime.
/// </summary>
public sealed class TimedCache<TKey, TValue>(TimeSpan lifetime, TimeProvider clock, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots = new(comparer);

    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(key, _ => new Slot());
        if (slot.Fresh(clock) is { } hit)
        {
            return hit.Value;
        }
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Fresh(clock) is { } again)
            {
                return again.Value;
            }
            return await LoadIntoAsync(slot, load, cancellationToken);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Reads the value now, bypassing what is cached, and keeps the fresh value.</summary>
    public async Task<TValue> ReloadAsync(TKey key, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken) =>
        await LoadIntoAsync(_slots.GetOrAdd(key, _ => new Slot()), load, cancellationToken);

    /// <summary>Runs a write of what <paramref name="key"/> caches, then drops the key, also when the write failed half-way.</summary>
    public async Task<TResult> WriteThroughAsync<TResult>(TKey key, Func<Task<TResult>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            Invalidate(key);
        }
    }

    /// <inheritdoc cref="WriteThroughAsync{TResult}"/>
    public Task WriteThroughAsync(TKey key, Func<Task> write) =>
        WriteThroughAsync(key, async () =>
        {
            await write();
            return true;
        });

    public void Invalidate(TKey key)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            slot.Drop();
        }
    }

    private async Task<TValue> LoadIntoAsync(Slot slot, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        // A write that invalidates while this load runs may have been read before it: keep the value only if none did.
        var version = slot.Version;
        var value = await load(cancellationToken);
        slot.Keep(version, new Entry(value, clock.GetUtcNow() + lifetime));
        return value;
    }

    private sealed record Entry(TValue Value, DateTimeOffset Until);

    private sealed class Slot
    {
        private readonly Lock _lock = new();
        private volatile Entry? _entry;
        private long _version;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long Version => Interlocked.Read(ref _version);

        public Entry? Fresh(TimeProvider clock) => _entry is { } entry && entry.Until > clock.GetUtcNow() ? entry : null;

        public void Keep(long version, Entry entry)
        {
            lock (_lock)
            {
                if (_version == version)
                {
                    _entry = entry;
                }
            }
        }

        public void Drop()
        {
            lock (_lock)
            {
                _version++;
                _entry = null;
            }
        }
    }
}
