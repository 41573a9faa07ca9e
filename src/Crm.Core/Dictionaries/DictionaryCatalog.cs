using System.Collections.Concurrent;
using Crm.Storage.Dictionaries;

namespace Crm.Core.Dictionaries;

/// <summary>Dictionaries cached for a few seconds (every write of a dictionary field reads one); own writes invalidate.</summary>
public sealed class DictionaryCatalog(DictionaryStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (DictionaryDefinition? Dictionary, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public DictionaryStore Store => store;

    public async Task<DictionaryDefinition?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var hit) && hit.Until > clock.GetUtcNow())
        {
            return hit.Dictionary;
        }
        var dictionary = await store.GetAsync(name, cancellationToken);
        _cache[name] = (dictionary, clock.GetUtcNow() + Lifetime);
        return dictionary;
    }

    public void Invalidate(string name) => _cache.TryRemove(name, out _);
}
