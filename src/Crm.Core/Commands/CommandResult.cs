using System.Text.Json;

namespace Crm.Core.Commands;

/// <summary>A successful answer. The endpoint writes <c>{"success":true,</c> then lets the result write its own properties.</summary>
public abstract class CommandResult
{
    /// <summary>Work that may still fail cleanly (e.g. reading the first page), done before any byte of the answer is sent.</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>For a single-entry answer: the entry's version, sent as the <c>ETag</c> header (docs/api.md#concurrency).</summary>
    public string? ETag { get; init; }

    public abstract Task WritePropertiesAsync(Utf8JsonWriter writer, CancellationToken cancellationToken);
}

/// <summary>An answer small enough to build in memory: properties in order, values strings, booleans or string lists.</summary>
public sealed class PropertiesResult(params (string Name, object Value)[] properties) : CommandResult
{
    public IReadOnlyList<(string Name, object Value)> Properties { get; } = properties;

    public override Task WritePropertiesAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in Properties)
        {
            writer.WritePropertyName(name);
            JsonValues.Write(writer, value);
        }
        return Task.CompletedTask;
    }
}
