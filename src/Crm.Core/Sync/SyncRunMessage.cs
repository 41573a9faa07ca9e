using System.Text.Json;

namespace Crm.Core.Sync;

/// <summary>The queue message of a requested run: only its id; everything else is in the run record.</summary>
public sealed record SyncRunMessage(string RunId)
{
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, string> { ["runId"] = RunId });

    /// <summary>The message, or null when the text is not one (a poison message is dropped, not retried).</summary>
    public static SyncRunMessage? Parse(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("runId", out var id) && id.ValueKind == JsonValueKind.String
                ? new SyncRunMessage(id.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
