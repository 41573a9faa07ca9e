using System.Runtime.CompilerServices;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>Rendered pages of entries, read lazily as the response is written.</summary>
public static class EntryStreams
{
    public static async IAsyncEnumerable<IReadOnlyList<RenderedEntry>> All(
        EntryCommandServices services, TableDefinition table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var renderer = services.NewRenderer();
        await foreach (var page in services.Store.ListAsync(table.Name, cancellationToken))
        {
            yield return await renderer.RenderPageAsync(table, page, withName: true, cancellationToken);
        }
    }

    public static async IAsyncEnumerable<IReadOnlyList<RenderedEntry>> ByIds(
        EntryCommandServices services, TableDefinition table, IReadOnlyList<long> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var renderer = services.NewRenderer();
        foreach (var chunk in ids.Chunk(200))
        {
            var entries = await services.Store.GetManyAsync(table.Name, chunk, cancellationToken);
            yield return await renderer.RenderPageAsync(table, entries, withName: true, cancellationToken);
        }
    }
}
