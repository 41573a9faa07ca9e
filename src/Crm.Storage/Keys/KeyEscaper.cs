using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Storage.Keys;

/// <summary>
/// Turns any string into a valid Table Storage key segment.
/// Each character maps to a fixed token (itself, or <c>%XX</c> for the characters keys forbid and for
/// <c>%</c> and the segment separator <c>~</c>), so the encoding is prefix-preserving: the values that
/// start with <c>abc</c> are exactly the keys that start with <c>Escape("abc")</c>.
/// Long values are cut at a token boundary and end in a hash of the whole value, so equal values
/// still give equal keys and different values different keys.
/// </summary>
public static class KeyEscaper
{
    public const int MaxSegmentLength = 255;
    public const int TruncatedPrefixLength = 200;
    private const string HashMarker = "%!";
    private const int HashBytes = 16;

    public static string Escape(string value)
    {
        var escaped = EscapeAll(value);
        if (escaped.Length <= MaxSegmentLength)
        {
            return escaped;
        }
        // 128 bits: collisions stay out of reach even for values chosen to collide; exact matches compare the stored value all the same.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, HashBytes);
        return CutAtTokenBoundary(escaped, TruncatedPrefixLength) + HashMarker + hash;
    }

    /// <summary>The key prefix that every value starting with <paramref name="prefix"/> has.</summary>
    public static string EscapePrefix(string prefix) =>
        CutAtTokenBoundary(EscapeAll(prefix), TruncatedPrefixLength);

    /// <summary>True when the key segment was cut, so the key alone does not hold the whole value.</summary>
    public static bool IsTruncated(string segment) => segment.Contains(HashMarker, StringComparison.Ordinal);

    public static string Unescape(string segment)
    {
        var marker = segment.IndexOf(HashMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            segment = segment[..marker];
        }
        var builder = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '%' && i + 2 < segment.Length)
            {
                builder.Append((char)int.Parse(segment.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(segment[i]);
            }
        }
        return builder.ToString();
    }

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    public static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string EscapeAll(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or '~' or '\'' || c < 0x20 || (c >= 0x7F && c <= 0x9F);

    private static string CutAtTokenBoundary(string escaped, int length)
    {
        if (escaped.Length <= length)
        {
            return escaped;
        }
        var cut = length;
        // Never split a %XX token or a surrogate pair.
        for (var back = 1; back <= 2 && cut - back >= 0; back++)
        {
            if (escaped[cut - back] == '%')
            {
                cut -= back;
                break;
            }
        }
        if (cut > 0 && char.IsHighSurrogate(escaped[cut - 1]))
        {
            cut--;
        }
        return escaped[..cut];
    }
}
