using Crm.Core.Caching;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>
/// The schema, cached for a few seconds (every request needs it, and it changes rarely), and the only way to
/// change it: each write goes to the store and drops the cache. A change made through this instance is seen at
/// once; one made elsewhere within <see cref="Lifetime"/>. A write planned with a schema older than storage holds is
/// refused by storage (<see cref="StaleSchemaException"/>) and planned again with <see cref="GetNewerTableAsync"/>.
/// </summary>
/// <param name="lifetime">How long the schema is cached; tests of instances with an old schema make it long.</param>
public sealed class SchemaCatalog(SchemaStore store, TimeProvider clock, TimeSpan lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private const string All = "";
    private readonly TimedCache<string, IReadOnlyList<TableDefinition>> _cache = new(lifetime, clock);

    public SchemaCatalog(SchemaStore store, TimeProvider clock) : this(store, clock, Lifetime)
    {
    }

    public Task<IReadOnlyList<TableDefinition>> GetTablesAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(All, store.LoadAsync, cancellationToken);

    /// <summary>Straight from storage (for marks and fields that must be the current ones); the result refreshes the cache.</summary>
    public Task<IReadOnlyList<TableDefinition>> GetCurrentTablesAsync(CancellationToken cancellationToken) =>
        _cache.ReloadAsync(All, store.LoadAsync, cancellationToken);

    /// <remarks>
    /// Notes the first table a call resolves as the one it addresses (<see cref="WriteTokenScope.Address"/>): an entry
    /// command resolves its own table first, so an <c>Idempotency-Key</c> refusal is recorded where its later writes go.
    /// </remarks>
    public async Task<TableDefinition> GetTableAsync(string name, CancellationToken cancellationToken)
    {
        var table = await FindTableAsync(name, cancellationToken)
            ?? throw CrmException.NotFound($"There is no table '{name}'. Tables: {string.Join(", ", (await GetTablesAsync(cancellationToken)).Select(t => t.Name))}.");
        WriteTokenScope.Address(table.Name);
        return table;
    }

    /// <summary>The table as storage holds it now (the cache refreshed).</summary>
    public async Task<TableDefinition> GetCurrentTableAsync(string name, CancellationToken cancellationToken)
    {
        await GetCurrentTablesAsync(cancellationToken);
        return await GetTableAsync(name, cancellationToken);
    }

    /// <summary>
    /// A newer definition of <paramref name="stale"/>'s table than it: the cached one when another call refreshed it
    /// already, else the one storage holds now.
    /// </summary>
    public async Task<TableDefinition> GetNewerTableAsync(TableDefinition stale, CancellationToken cancellationToken) =>
        await GetTableAsync(stale.Name, cancellationToken) is { } cached && cached.Generation > stale.Generation
            ? cached
            : await GetCurrentTableAsync(stale.Name, cancellationToken);

    public async Task<TableDefinition?> FindTableAsync(string name, CancellationToken cancellationToken) =>
        (await GetTablesAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc cref="SchemaStore.SeedAsync"/>
    public Task<bool> SeedAsync(IReadOnlyList<TableDefinition> defaults, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.SeedAsync(defaults, cancellationToken));

    /// <inheritdoc cref="SchemaStore.AddTableAsync"/>
    public Task<bool> AddTableAsync(TableDefinition table, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.AddTableAsync(table, cancellationToken));

    /// <inheritdoc cref="SchemaStore.AddFieldAsync"/>
    public Task<FieldDefinition?> AddFieldAsync(string table, Func<string, int, FieldDefinition> create, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.AddFieldAsync(table, create, cancellationToken));

    /// <inheritdoc cref="SchemaStore.UpdateFieldAsync"/>
    public Task UpdateFieldAsync(FieldDefinition field, bool markReindex, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.UpdateFieldAsync(field, markReindex, cancellationToken));

    /// <inheritdoc cref="SchemaStore.RemoveFieldAsync"/>
    public Task RemoveFieldAsync(FieldDefinition field, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.RemoveFieldAsync(field, cancellationToken));

    /// <inheritdoc cref="SchemaStore.ClearNeedsReindexAsync"/>
    public Task<bool> ClearNeedsReindexAsync(string table, long reindexedGeneration, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.ClearNeedsReindexAsync(table, reindexedGeneration, cancellationToken));

    /// <summary>Drops the cached schema (tests use it to see a change written behind the catalog's back).</summary>
    public void Invalidate() => _cache.Invalidate(All);
}
