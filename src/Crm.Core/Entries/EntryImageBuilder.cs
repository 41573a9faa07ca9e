using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>From an entry's values, the rows that go with it: claims for unique fields, index rows for indexed ones.</summary>
public static class EntryImageBuilder
{
    /// <summary>Reference index rows carry the entry's title under this name, so a reverse lookup needs no entry reads.</summary>
    public const string TitleProperty = "T";

    public static EntryImage Build(TableDefinition table, IReadOnlyDictionary<string, string> values)
    {
        var claims = new List<ClaimRow>();
        var index = new List<IndexRow>();
        var title = values.GetValueOrDefault(table.Title.Property, "");
        foreach (var field in table.Fields)
        {
            if (!values.TryGetValue(field.Property, out var stored) || stored.Length == 0)
            {
                continue;
            }
            if (field.Unique)
            {
                claims.Add(new ClaimRow(field.Property, ValueFormats.SearchForm(field, stored)));
            }
            if (!field.IsIndexed)
            {
                continue;
            }
            if (field.Type == FieldType.Reference)
            {
                index.Add(new IndexRow(field.Property, ReferenceKeys.Of(stored), new Dictionary<string, string> { [TitleProperty] = title }));
            }
            else if (field.Type == FieldType.Multi)
            {
                index.AddRange(stored.Split(',').Select(item => new IndexRow(field.Property, ValueFormats.SearchForm(field, item))).DistinctBy(r => r.NormalizedValue));
            }
            else
            {
                index.Add(new IndexRow(field.Property, ValueFormats.SearchForm(field, stored)));
            }
        }
        return new EntryImage(values, claims, index, table.Generation);
    }
}
