using Crm.Core.Commands;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries.Paging;

/// <summary>
/// One page of a list in id order (keyset paging: each page starts after the last id of the one before), so an entry
/// that exists for the whole walk is returned exactly once, whatever is created or deleted meanwhile. Whether another
/// entry follows is read, not guessed (the next id probed, else one entry read ahead): <c>nextCursor</c> is given only
/// when another entry exists, so no page with a cursor is empty and the last page has none.
/// </summary>
public sealed class EntryPager(EntryCommandServices services, CursorCodec cursors)
{
    /// <summary>A page of the whole table.</summary>
    public async Task<CommandResult> TableAsync(TableDefinition table, string listKey, PageRequest page, CursorBinding binding, CancellationToken cancellationToken)
    {
        var afterId = await AfterAsync(page, binding, cancellationToken);
        var (entries, more) = await services.Store.ListPageAsync(table.Name, afterId, page.Limit, cancellationToken);
        return await ResultAsync(table, listKey, page, binding, entries, more, cancellationToken);
    }

    /// <summary>A page of the entries <paramref name="ids"/> (ascending) names; ids whose entry is gone are skipped.</summary>
    public async Task<CommandResult> IdsAsync(
        TableDefinition table, string listKey, IReadOnlyList<long> ids, PageRequest page, CursorBinding binding, CancellationToken cancellationToken)
    {
        var afterId = await AfterAsync(page, binding, cancellationToken);
        var next = FirstAbove(ids, afterId);
        var entries = new List<StoredEntry>();
        while (entries.Count <= page.Limit && next < ids.Count)
        {
            var chunk = ids.Skip(next).Take(page.Limit + 1 - entries.Count).ToList();
            entries.AddRange(await services.Store.GetManyAsync(table.Name, chunk, cancellationToken));
            next += chunk.Count;
        }
        return await ResultAsync(table, listKey, page, binding, entries, entries.Count > page.Limit, cancellationToken);
    }

    private async Task<long> AfterAsync(PageRequest page, CursorBinding binding, CancellationToken cancellationToken) =>
        page.Cursor is null ? 0 : await cursors.ReadAsync(binding, page.Cursor, cancellationToken);

    /// <param name="more">Whether another entry follows the page (known, not guessed).</param>
    private async Task<CommandResult> ResultAsync(
        TableDefinition table, string listKey, PageRequest page, CursorBinding binding, IReadOnlyList<StoredEntry> entries, bool more,
        CancellationToken cancellationToken)
    {
        var shown = entries.Take(page.Limit).ToList();
        var rendered = await services.NewRenderer().RenderPageAsync(table, shown, withName: true, cancellationToken);
        return new EntryListResult(listKey, new[] { rendered }.ToAsyncEnumerable())
        {
            NextCursor = more ? await cursors.IssueAsync(binding, shown[^1].Id, cancellationToken) : null,
        };
    }

    private static int FirstAbove(IReadOnlyList<long> ascending, long afterId)
    {
        int low = 0, high = ascending.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ascending[middle] <= afterId)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
