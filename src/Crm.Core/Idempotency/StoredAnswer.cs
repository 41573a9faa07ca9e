using System.Text.Json;
using Crm.Core.Commands;
using Crm.Core.Errors;

namespace Crm.Core.Idempotency;

/// <summary>
/// An answer kept for an <c>Idempotency-Key</c>: a success's properties, or a refusal's code, details and
/// existing id, as JSON, with the entry's <c>ETag</c> when the answer had one. Replaying it gives the caller what the
/// first call got (the version it wrote may have been replaced since: an <c>If-Match</c> with it then fails safely).
/// </summary>
public static class StoredAnswer
{
    /// <summary>Where the answer's ETag is kept beside its properties; no property of the API starts with <c>@</c>.</summary>
    private const string ETagProperty = "@etag";

    public static async Task<string> OfSuccessAsync(CommandResult result, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            await result.WritePropertiesAsync(writer, cancellationToken);
            if (result.ETag is { } etag)
            {
                writer.WriteString(ETagProperty, etag);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string OfRefusal(CrmException refusal) =>
        JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["code"] = refusal.Code.Wire(),
            ["details"] = refusal.Details,
            ["existingId"] = refusal.ExistingId,
            [ETagProperty] = refusal.CurrentETag,
        });

    public static CommandResult ReplaySuccess(string answer) => new ReplayedResult(answer) { ETag = ETagOf(answer) };

    public static CrmException ReplayRefusal(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var root = json.RootElement;
        return new CrmException(ErrorCodes.FromWire(root.GetProperty("code").GetString()), root.GetProperty("details").GetString() ?? "")
        {
            ExistingId = root.TryGetProperty("existingId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            CurrentETag = ETagOf(root),
        };
    }

    private static string? ETagOf(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        return ETagOf(json.RootElement);
    }

    private static string? ETagOf(JsonElement root) =>
        root.TryGetProperty(ETagProperty, out var etag) && etag.ValueKind == JsonValueKind.String ? etag.GetString() : null;

    private sealed class ReplayedResult(string answer) : CommandResult
    {
        public override Task WritePropertiesAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
        {
            using var json = JsonDocument.Parse(answer);
            foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Name != ETagProperty))
            {
                property.WriteTo(writer);
            }
            return Task.CompletedTask;
        }
    }
}
