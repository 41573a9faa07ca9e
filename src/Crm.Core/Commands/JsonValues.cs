using System.Text.Json;
using Crm.Core.Entries;

namespace Crm.Core.Commands;

internal static class JsonValues
{
    public static void Write(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case RenderedEntry entry:
                entry.WriteObject(writer);
                break;
            case IEnumerable<RenderedEntry> entries:
                writer.WriteStartArray();
                foreach (var entry in entries)
                {
                    entry.WriteObject(writer);
                }
                writer.WriteEndArray();
                break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }
                writer.WriteEndArray();
                break;
            case IEnumerable<(string Name, object Value)> properties:
                writer.WriteStartObject();
                foreach (var (name, item) in properties)
                {
                    writer.WritePropertyName(name);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable<IEnumerable<(string Name, object Value)>> objects:
                writer.WriteStartArray();
                foreach (var item in objects)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"No JSON form for {value.GetType().Name}.");
        }
    }
}
