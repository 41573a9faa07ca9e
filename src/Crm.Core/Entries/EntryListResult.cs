using System.Text.Json;
using Crm.Core.Commands;

namespace Crm.Core.Entries;

/// <summary>
/// A list written as storage pages arrive: the server never holds the whole table. The first page is read
/// before anything is sent, so an unreachable store still gets a proper error answer. A page of a paged list
/// (docs/api.md#paging) is written the same way, followed by its <c>nextCursor</c> unless it is the last.
/// </summary>
public sealed class EntryListResult(string listKey, IAsyncEnumerable<IReadOnlyList<RenderedEntry>> pages) : CommandResult, IAsyncDisposable
{
    private IAsyncEnumerator<IReadOnlyList<RenderedEntry>>? _pages;
    private bool _hasFirst;

    /// <summary>Where the next page starts; null for a whole list and for the last page.</summary>
    public string? NextCursor { get; init; }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _pages = pages.GetAsyncEnumerator(cancellationToken);
        _hasFirst = await _pages.MoveNextAsync();
    }

    public override async Task WritePropertiesAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        if (_pages is null)
        {
            await PrepareAsync(cancellationToken);
        }
        writer.WritePropertyName(listKey);
        writer.WriteStartArray();
        for (var more = _hasFirst; more; more = await _pages!.MoveNextAsync())
        {
            foreach (var entry in _pages!.Current)
            {
                entry.WriteObject(writer);
            }
            await writer.FlushAsync(cancellationToken);
        }
        writer.WriteEndArray();
        if (NextCursor is not null)
        {
            writer.WriteString("nextCursor", NextCursor);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }
    }
}
