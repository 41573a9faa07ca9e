using Crm.Core.Errors;
using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>
/// The schema, cached for a few seconds: every request needs it, and it changes rarely. A change made
/// through this instance is seen at once; one made elsewhere within <see cref="Lifetime"/>.
/// </summary>
public sealed class SchemaCatalog(SchemaStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<TableDefinition> Tables, DateTimeOffset Until)? _cached;

    public async Task<IReadOnlyList<TableDefinition>> GetTablesAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Until > clock.GetUtcNow())
        {
            return hit.Tables;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Until > clock.GetUtcNow())
            {
                return again.Tables;
            }
            var tables = await store.LoadAsync(cancellationToken);
            _cached = (tables, clock.GetUtcNow() + Lifetime);
            return tables;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TableDefinition> GetTableAsync(string name, CancellationToken cancellationToken) =>
        await FindTableAsync(name, cancellationToken)
        ?? throw CrmException.NotFound($"There is no table '{name}'. Tables: {string.Join(", ", (await GetTablesAsync(cancellationToken)).Select(t => t.Name))}.");

    public async Task<TableDefinition?> FindTableAsync(string name, CancellationToken cancellationToken) =>
        (await GetTablesAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public void Invalidate() => _cached = null;
}
