using System.Text.Json;

namespace Crm.Core.Entries;

/// <summary>An entry as the API shows it: ordered keys (<c>id</c>, maybe <c>name</c>, then field codes), every value a string.</summary>
public sealed record RenderedEntry(IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public string this[string key] => Values.First(v => v.Key == key).Value;

    public void WriteObject(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteProperties(writer);
        writer.WriteEndObject();
    }

    public void WriteProperties(Utf8JsonWriter writer)
    {
        foreach (var (key, value) in Values)
        {
            writer.WriteString(key, value);
        }
    }
}
