using Crm.Core.Caching;
using Crm.Storage.Dictionaries;

namespace Crm.Core.Dictionaries;

/// <summary>
/// Dictionaries cached for a few seconds (every write of a dictionary field reads one), and the only way to
/// change them: each write goes to the store and drops that dictionary from the cache.
/// </summary>
public sealed class DictionaryCatalog(DictionaryStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly TimedCache<string, DictionaryDefinition?> _cache = new(Lifetime, clock, StringComparer.OrdinalIgnoreCase);

    public Task<DictionaryDefinition?> GetAsync(string name, CancellationToken cancellationToken) =>
        _cache.GetAsync(name, ct => store.GetAsync(name, ct), cancellationToken);

    /// <summary>Straight from storage (what <c>getdictionary</c> answers); the result refreshes the cache.</summary>
    public Task<DictionaryDefinition?> GetCurrentAsync(string name, CancellationToken cancellationToken) =>
        _cache.ReloadAsync(name, ct => store.GetAsync(name, ct), cancellationToken);

    /// <inheritdoc cref="DictionaryStore.CreateAsync"/>
    public Task<bool> CreateAsync(string name, bool open, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(name, () => store.CreateAsync(name, open, values, cancellationToken));

    /// <inheritdoc cref="DictionaryStore.AddValueAsync"/>
    public Task<DictionaryChange> AddValueAsync(string name, string value, bool createIfMissing, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(name, () => store.AddValueAsync(name, value, createIfMissing, cancellationToken));

    /// <inheritdoc cref="DictionaryStore.RemoveValueAsync"/>
    public Task<DictionaryChange> RemoveValueAsync(string name, string value, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(name, () => store.RemoveValueAsync(name, value, cancellationToken));
}
