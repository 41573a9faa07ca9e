using Crm.Storage.Entries;

namespace Crm.Storage.Tests;

/// <summary>Entry images for tests: values by property name, with optional claims and index rows.</summary>
internal static class Images
{
    public static EntryImage Values(params (string Property, string Value)[] values) =>
        new(values.ToDictionary(v => v.Property, v => v.Value), [], []);

    public static EntryImage With(IEnumerable<(string Property, string Value)> values, IEnumerable<ClaimRow>? claims = null, IEnumerable<IndexRow>? index = null) =>
        new(values.ToDictionary(v => v.Property, v => v.Value), (claims ?? []).ToList(), (index ?? []).ToList());

    /// <summary>A value in f1, claimed unique and indexed under the same text.</summary>
    public static EntryImage Unique(string value) =>
        With([("f1", value)], [new ClaimRow("f1", value)], [new IndexRow("f1", value)]);

    public static async Task<List<StoredEntry>> ListAllAsync(this EntryStore store, string table)
    {
        var all = new List<StoredEntry>();
        await foreach (var page in store.ListAsync(table, CancellationToken.None))
        {
            all.AddRange(page);
        }
        return all;
    }

    public static async Task<List<long>> FindIdsAsync(this EntryStore store, string table, string field, string value, bool prefix)
    {
        var ids = new List<long>();
        await foreach (var hit in store.FindAsync(table, field, value, prefix, CancellationToken.None))
        {
            ids.Add(hit.Id);
        }
        return ids;
    }
}
