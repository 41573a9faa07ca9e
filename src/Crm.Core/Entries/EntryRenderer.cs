using System.Globalization;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>
/// Turns stored entries into the API's shape (docs/api.md#references-and-dictionary-values): references as the target's title ("" when the
/// target is gone), computed lists from the reverse index. One renderer serves one request and
/// remembers the titles it looked up, up to a bound, so a long list does not grow memory without end.
/// </summary>
public sealed class EntryRenderer(EntryStore store, SchemaCatalog schema)
{
    private const int MaxRememberedTitles = 20_000;
    private readonly Dictionary<(string Table, long Id), string> _titles = [];

    public async Task<RenderedEntry> RenderAsync(TableDefinition table, StoredEntry entry, bool withName, CancellationToken cancellationToken) =>
        (await RenderPageAsync(table, [entry], withName, cancellationToken))[0];

    public async Task<IReadOnlyList<RenderedEntry>> RenderPageAsync(
        TableDefinition table, IReadOnlyList<StoredEntry> entries, bool withName, CancellationToken cancellationToken)
    {
        await LoadTitlesAsync(table, entries, cancellationToken);
        var computed = await LoadComputedAsync(table, entries, cancellationToken);
        var rendered = new List<RenderedEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var values = new List<KeyValuePair<string, string>>(table.Fields.Count + 2)
            {
                new("id", entry.Id.ToString(CultureInfo.InvariantCulture)),
            };
            if (withName)
            {
                values.Add(new("name", entry.Get(table.Title.Property)));
            }
            // A field stored under a reserved code before such codes were refused would repeat the answer's own key.
            foreach (var field in table.Fields.Where(f => !ReservedFieldCodes.IsReserved(f.Code)))
            {
                var value = field.Type switch
                {
                    FieldType.Reference => TitleOf(field.TargetTable!, entry.Get(field.Property)),
                    FieldType.Computed => computed.GetValueOrDefault((field.Code, entry.Id), ""),
                    _ => entry.Get(field.Property),
                };
                values.Add(new(field.Code, value));
            }
            rendered.Add(new RenderedEntry(values));
        }
        return rendered;
    }

    private string TitleOf(string table, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && _titles.TryGetValue((table, key), out var title) ? title : "";

    private async Task LoadTitlesAsync(TableDefinition table, IReadOnlyList<StoredEntry> entries, CancellationToken cancellationToken)
    {
        var wanted = table.Fields
            .Where(f => f.Type == FieldType.Reference)
            .SelectMany(f => entries.Select(e => (Table: f.TargetTable!, Id: e.Get(f.Property))))
            .Where(r => r.Id.Length > 0)
            .Select(r => (r.Table, Id: long.TryParse(r.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(r => r.Id > 0 && !_titles.ContainsKey(r))
            .Distinct()
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        if (_titles.Count + wanted.Count > MaxRememberedTitles)
        {
            _titles.Clear();
        }
        foreach (var group in wanted.GroupBy(w => w.Table))
        {
            var target = await schema.FindTableAsync(group.Key, cancellationToken);
            var ids = group.Select(g => g.Id).ToList();
            foreach (var id in ids)
            {
                _titles[(group.Key, id)] = "";
            }
            if (target is null)
            {
                continue;
            }
            foreach (var found in await store.GetManyAsync(target.Name, ids, cancellationToken))
            {
                _titles[(group.Key, found.Id)] = found.Get(target.Title.Property);
            }
        }
    }

    private async Task<Dictionary<(string Code, long Id), string>> LoadComputedAsync(
        TableDefinition table, IReadOnlyList<StoredEntry> entries, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, long), string>();
        foreach (var field in table.Fields.Where(f => f.Type == FieldType.Computed && f.TargetTable is not null && f.ReverseField is not null))
        {
            var source = await schema.FindTableAsync(field.TargetTable!, cancellationToken);
            var reverse = source?.FindByCode(field.ReverseField!);
            if (source is null || reverse is null)
            {
                continue;
            }
            var titles = await LinkedTitlesAsync(source.Name, reverse.Property, entries, cancellationToken);
            foreach (var entry in entries)
            {
                result[(field.Code, entry.Id)] = titles.TryGetValue(entry.Id, out var linked)
                    ? string.Join(", ", linked.OrderBy(t => t.Id).Select(t => t.Title))
                    : "";
            }
        }
        return result;
    }

    /// <summary>
    /// The titles of the entries whose reference field points at each of <paramref name="entries"/>. A dense page
    /// (a listing) is one range query over the reverse index; scattered ids (search results) are looked up one by one.
    /// </summary>
    private async Task<Dictionary<long, List<(long Id, string Title)>>> LinkedTitlesAsync(
        string sourceTable, string property, IReadOnlyList<StoredEntry> entries, CancellationToken cancellationToken)
    {
        var wanted = entries.Select(e => e.Id).ToHashSet();
        var links = new Dictionary<long, List<(long Id, string Title)>>();
        void Add(long target, IndexHit hit)
        {
            if (!links.TryGetValue(target, out var list))
            {
                links[target] = list = [];
            }
            list.Add((hit.Id, hit.Properties.GetValueOrDefault(EntryImageBuilder.TitleProperty, "")));
        }
        if (entries.Count == 0)
        {
            return links;
        }
        var (min, max) = (wanted.Min(), wanted.Max());
        if (entries.Count > 1 && max - min < 4L * entries.Count)
        {
            await foreach (var hit in store.FindBetweenAsync(sourceTable, property, ReferenceKeys.Of(min), ReferenceKeys.Of(max), cancellationToken))
            {
                var target = ReferenceKeys.Parse(hit.Value);
                if (wanted.Contains(target))
                {
                    Add(target, hit);
                }
            }
            return links;
        }
        foreach (var id in wanted)
        {
            await foreach (var hit in store.FindAsync(sourceTable, property, ReferenceKeys.Of(id), prefix: false, cancellationToken))
            {
                Add(id, hit);
            }
        }
        return links;
    }
}
