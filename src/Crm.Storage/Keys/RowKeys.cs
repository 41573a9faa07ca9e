using System.Globalization;

namespace Crm.Storage.Keys;

/// <summary>
/// The RowKeys of one CRM table's partition (docs/design.md#row-kinds): entries <c>e~</c>, uniqueness claims <c>u~</c>,
/// index rows <c>x~</c> and the id counter <c>c~id</c>. The properties those rows carry: <see cref="RowProperties"/>.
/// </summary>
public static class RowKeys
{
    public const char Separator = '~';
    public const string EntryPrefix = "e~";
    public const string ClaimPrefix = "u~";
    public const string IndexPrefix = "x~";
    public const string Counter = "c~id";
    private const int IdDigits = 12;

    public static string Entry(long id) => EntryPrefix + id.ToString("D" + IdDigits, CultureInfo.InvariantCulture);

    public static long EntryId(string rowKey) => ParseId(rowKey.AsSpan(EntryPrefix.Length));

    public static string Claim(string field, string normalizedValue) =>
        $"{ClaimPrefix}{field}{Separator}{KeyEscaper.Escape(normalizedValue)}";

    public static bool IsClaim(string rowKey) => rowKey.StartsWith(ClaimPrefix, StringComparison.Ordinal);

    public static string Index(string field, string normalizedValue, long id) =>
        IndexValuePrefix(field, normalizedValue) + id.ToString("D" + IdDigits, CultureInfo.InvariantCulture);

    /// <summary>Every index row of one exact value: <c>x~field~value~</c>.</summary>
    public static string IndexValuePrefix(string field, string normalizedValue) =>
        $"{IndexPrefix}{field}{Separator}{KeyEscaper.Escape(normalizedValue)}{Separator}";

    /// <summary>Every index row whose value starts with <paramref name="normalizedPrefix"/>.</summary>
    public static string IndexStartsWithPrefix(string field, string normalizedPrefix) =>
        $"{IndexPrefix}{field}{Separator}{KeyEscaper.EscapePrefix(normalizedPrefix)}";

    public static string IndexFieldPrefix(string field) => $"{IndexPrefix}{field}{Separator}";

    public static long IndexId(string rowKey) => ParseId(rowKey.AsSpan(rowKey.Length - IdDigits));

    /// <summary>The escaped value segment of an index row key.</summary>
    public static string IndexSegment(string rowKey)
    {
        var afterField = rowKey.IndexOf(Separator, IndexPrefix.Length) + 1;
        return rowKey[afterField..(rowKey.Length - IdDigits - 1)];
    }

    private static long ParseId(ReadOnlySpan<char> digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>The property names of the rows of a CRM table's partition (their keys: <see cref="RowKeys"/>).</summary>
public static class RowProperties
{
    /// <summary>On an entry: the RowKeys of its claim and index rows, one per line, so an update or delete removes exactly those.</summary>
    public const string Rows = "Rows";

    /// <summary>On a claim: the id of the entry holding the value.</summary>
    public const string ClaimHolder = "Id";

    /// <summary>On a claim: the property name of the field it belongs to.</summary>
    public const string ClaimField = "Field";

    /// <summary>On an index row whose key had to be cut: the whole normalized value.</summary>
    public const string IndexedValue = "V";

    /// <summary>On the counter: the last id handed out.</summary>
    public const string LastId = "Last";

    /// <summary>
    /// On an entry: the schema generation it was written with. On the counter: the newest generation the table's
    /// partition has been told of (docs/data-safety.md#schema-changes). Absent reads as 0.
    /// </summary>
    public const string Generation = "G";

    /// <summary>Properties every row has that are not values of the CRM.</summary>
    public static bool IsSystem(string name) => name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";
}
