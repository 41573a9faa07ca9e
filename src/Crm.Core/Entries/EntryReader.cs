using System.Globalization;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>Finds entries by id or title, always through keys and index rows.</summary>
public sealed class EntryReader(EntryStore store, SchemaCatalog schema)
{
    public EntryStore Store => store;

    public async Task<StoredEntry> GetAsync(TableDefinition table, long id, CancellationToken cancellationToken) =>
        await store.GetAsync(table.Name, id, cancellationToken)
        ?? throw CrmException.NotFound($"{table.Name} has no entry with id {id}.");

    /// <summary>The ids of the entries whose title equals <paramref name="title"/> (after normalization), in id order.</summary>
    public async Task<IReadOnlyList<long>> FindByTitleAsync(TableDefinition table, string title, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await foreach (var hit in store.FindAsync(table.Name, table.Title.Property, ValueNormalizer.Normalize(title), prefix: false, cancellationToken))
        {
            ids.Add(hit.Id);
        }
        return ids;
    }

    /// <summary>
    /// The entry a call names: by <paramref name="idParameter"/> when given, else by the title in <paramref name="nameParameter"/>.
    /// No match is <c>not_found</c>; several are a <c>bad_request</c> asking for the id.
    /// </summary>
    public async Task<StoredEntry> LocateAsync(
        TableDefinition table, string? id, string? name, string idParameter, string nameParameter, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await GetAsync(table, ParseId(id, idParameter), cancellationToken);
        }
        if (name is null)
        {
            throw CrmException.BadRequest($"Give '{idParameter}' or '{nameParameter}'.");
        }
        var ids = await FindByTitleAsync(table, name, cancellationToken);
        return ids.Count switch
        {
            0 => throw CrmException.NotFound($"{table.Name} has no entry named '{name}'."),
            1 => await GetAsync(table, ids[0], cancellationToken),
            _ => throw CrmException.BadRequest($"'{name}' names {ids.Count} entries of {table.Name} (ids {string.Join(", ", ids.Take(10))}); use '{idParameter}'."),
        };
    }

    public async Task<TableDefinition> TableAsync(string name, CancellationToken cancellationToken) =>
        await schema.GetTableAsync(name, cancellationToken);

    public static long ParseId(string text, string parameterName)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('(') && trimmed.EndsWith(')'))
        {
            trimmed = trimmed[1..^1].Trim();
        }
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw CrmException.BadRequest($"'{text}' is not an id ({parameterName}): ids are positive whole numbers.");
    }

    public static bool LooksLikeId(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('(') && trimmed.EndsWith(')'))
        {
            return true;
        }
        return trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit);
    }
}
