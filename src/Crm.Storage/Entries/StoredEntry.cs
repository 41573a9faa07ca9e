namespace Crm.Storage.Entries;

/// <summary>An entry as read: its id and its values by property name.</summary>
public sealed record StoredEntry(long Id, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>
    /// The storage ETag of the entry row as read or written; null when unknown (a write recognised by its token after
    /// a lost answer: the version it wrote may already be gone, and an unknown version must not pass for it).
    /// </summary>
    public string? Version { get; init; }

    public string Get(string property) => Values.TryGetValue(property, out var value) ? value : "";
}

/// <summary>One index row as read: the entry it points to and the properties copied onto it.</summary>
/// <param name="Value">The normalized value the row indexes.</param>
public sealed record IndexHit(long Id, IReadOnlyDictionary<string, string> Properties, string Value = "");
