using System.Globalization;

namespace Crm.Storage.Keys;

/// <summary>
/// The RowKeys of one CRM table's partition (design §2): entries <c>e~</c>, uniqueness claims <c>u~</c>,
/// index rows <c>x~</c> and the id counter <c>c~id</c>.
/// </summary>
public static class RowKeys
{
    public const string EntryPrefix = "e~";
    public const string Counter = "c~id";
    private const int IdDigits = 12;

    public static string Entry(long id) => EntryPrefix + id.ToString("D" + IdDigits, CultureInfo.InvariantCulture);

    public static long EntryId(string rowKey) => ParseId(rowKey.AsSpan(EntryPrefix.Length));

    public static string Claim(string field, string normalizedValue) =>
        $"u~{field}~{KeyEscaper.Escape(normalizedValue)}";

    public static string Index(string field, string normalizedValue, long id) =>
        IndexValuePrefix(field, normalizedValue) + id.ToString("D" + IdDigits, CultureInfo.InvariantCulture);

    /// <summary>Every index row of one exact value: <c>x~field~value~</c>.</summary>
    public static string IndexValuePrefix(string field, string normalizedValue) =>
        $"x~{field}~{KeyEscaper.Escape(normalizedValue)}~";

    /// <summary>Every index row whose value starts with <paramref name="normalizedPrefix"/>.</summary>
    public static string IndexStartsWithPrefix(string field, string normalizedPrefix) =>
        $"x~{field}~{KeyEscaper.EscapePrefix(normalizedPrefix)}";

    public static string IndexFieldPrefix(string field) => $"x~{field}~";

    public static long IndexId(string rowKey) => ParseId(rowKey.AsSpan(rowKey.Length - IdDigits));

    /// <summary>The escaped value segment of an index row key.</summary>
    public static string IndexSegment(string rowKey)
    {
        var afterField = rowKey.IndexOf('~', 2) + 1;
        return rowKey[afterField..(rowKey.Length - IdDigits - 1)];
    }

    private static long ParseId(ReadOnlySpan<char> digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
