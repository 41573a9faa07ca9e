namespace Crm.Core.Entries.Versions;

/// <summary>
/// An <c>If-Match</c> value (RFC 9110 §13.1.1): <c>*</c> (any current version) or a list of entity tags. Tags are
/// compared by their opaque part: a <c>W/</c> prefix (some proxies weaken tags) and missing quotes (a tag pasted into a
/// query string) are accepted, as the CRM's tags only ever stand for one exact version.
/// </summary>
public sealed class IfMatchCondition
{
    private readonly HashSet<string> _tags;

    private IfMatchCondition(bool any, HashSet<string> tags)
    {
        Any = any;
        _tags = tags;
    }

    public bool Any { get; }

    /// <summary>The condition in <paramref name="raw"/>; null when it is absent or blank (no condition: today's behaviour).</summary>
    public static IfMatchCondition? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var items = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var tags = items.Where(i => i != "*").Select(Opaque).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        return new IfMatchCondition(items.Contains("*"), tags);
    }

    /// <summary>True when the entry's current tag (as <see cref="EntryVersions"/> makes it) is named, or any is.</summary>
    public bool Matches(string? currentTag) =>
        Any || (currentTag is not null && _tags.Contains(Opaque(currentTag)));

    private static string Opaque(string tag)
    {
        var value = tag.Trim();
        if (value.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..].TrimStart();
        }
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }
}
