using System.Globalization;

namespace Crm.Core.Entries;

/// <summary>
/// The indexed form of a reference: the target id zero-padded, so the index rows of a reference field sort
/// by target id and the links of a whole page of targets are one range query.
/// </summary>
public static class ReferenceKeys
{
    public static string Of(long targetId) => targetId.ToString("D12", CultureInfo.InvariantCulture);

    public static string Of(string storedId) => Of(long.Parse(storedId, NumberStyles.None, CultureInfo.InvariantCulture));

    public static long Parse(string key) => long.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture);
}
