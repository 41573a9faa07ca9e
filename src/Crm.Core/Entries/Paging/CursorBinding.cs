using System.Text;
using Crm.Core.Values;
using Crm.Storage.Keys;

namespace Crm.Core.Entries.Paging;

/// <summary>
/// What a cursor is good for: the command, the table and the criteria of the list it continues. A cursor carries a
/// signature over these, so one issued for another list (or altered) is refused.
/// </summary>
public sealed record CursorBinding(string Command, string Table, string Criteria)
{
    /// <summary>A list with no criteria (the whole table).</summary>
    public static CursorBinding Of(string command, string table) => new(command.ToLowerInvariant(), table, "");

    /// <summary>A list narrowed by field criteria: each field with its value as searches compare it (normalized), in a fixed order.</summary>
    public static CursorBinding Of(string command, string table, IEnumerable<FieldInput> criteria)
    {
        var text = new StringBuilder();
        foreach (var (property, value) in criteria
            .Select(c => (c.Field.Property, Value: ValueNormalizer.Normalize(c.Value.Trim())))
            .OrderBy(c => c.Property, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal))
        {
            text.Append(property.Length).Append(':').Append(property).Append(value.Length).Append(':').Append(value);
        }
        return new CursorBinding(command.ToLowerInvariant(), table, text.ToString());
    }

    /// <summary>The bytes signed together with the position.</summary>
    public byte[] ToBytes(long afterId) =>
        Encoding.UTF8.GetBytes($"crm-cursor\n{Command}\n{Table}\n{Criteria}\n{afterId}");
}
