using System.Text.Json;
using Crm.Core.Commands;

namespace Crm.Core.Entries;

/// <summary>One entry's keys written next to <c>success</c> (the <c>get…byname</c> shape).</summary>
public sealed class FlatEntryResult(RenderedEntry entry) : CommandResult
{
    public RenderedEntry Entry { get; } = entry;

    public override Task WritePropertiesAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Entry.WriteProperties(writer);
        return Task.CompletedTask;
    }
}
