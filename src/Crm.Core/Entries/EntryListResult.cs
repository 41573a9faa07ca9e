using System.Text.Json;
using Crm.Core.Commands;

namespace Crm.Core.Entries;

/// <summary>
/// A list written as storage pages arrive: the server never holds the whole table. The first page is read
/// before anything is sent, so an unreachable store still gets a proper error answer.
/// </summary>
public sealed class EntryListResult(string listKey, IAsyncEnumerable<IReadOnlyList<RenderedEntry>> pages) : CommandResult, IAsyncDisposable
{
    private IAsyncEnumerator<IReadOnlyList<RenderedEntry>>? _pages;
    private bool _hasFirst;

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
    }

    public async ValueTask DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }
    }
}
