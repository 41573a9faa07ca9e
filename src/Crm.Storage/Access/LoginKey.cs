namespace Crm.Storage.Access;

/// <summary>
/// The one comparison of logins and group names, for row keys and lookups alike: two names are the same when
/// their keys are equal. The key is the trimmed name upper-cased, then lower-cased (invariant). Lower-casing alone,
/// the row key of earlier versions, keeps µ (micro sign) and μ, or ς and σ, apart while
/// <see cref="StringComparer.OrdinalIgnoreCase"/> (which upper-cases) joins them, so a lookup could find two rows;
/// the round trip joins them in the key as well. Unicode normalization (NFKC) is not part of the key: under the
/// hosts' invariant globalization <see cref="string.Normalize()"/> leaves such text unchanged, and a key must not
/// depend on how a host is configured. For ASCII names the key is the lower-case name, as row keys always were.
/// </summary>
public static class LoginKey
{
    public static IEqualityComparer<string> Comparer { get; } = new KeyComparer();

    public static string Of(string name) => name.Trim().ToUpperInvariant().ToLowerInvariant();

    public static bool SameName(string? left, string? right) =>
        left is not null && right is not null && string.Equals(Of(left), Of(right), StringComparison.Ordinal);

    private sealed class KeyComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => ReferenceEquals(x, y) || SameName(x, y);

        public int GetHashCode(string name) => StringComparer.Ordinal.GetHashCode(Of(name));
    }
}
