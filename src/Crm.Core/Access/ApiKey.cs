namespace Crm.Core.Access;

public enum ApiKeyKind
{
    /// <summary>The key of CRM for Jira: acts as whichever user the call names.</summary>
    Shared,

    /// <summary>Bound to one user; acts only as that user.</summary>
    Named,
}

public enum ApiKeySource
{
    KeyVault,
    Configuration,
}

/// <summary>One valid value of a key, held only as its hash, with the validity window that is checked at every call.</summary>
public sealed record ApiKeyVersion(string Id, byte[] Hash, DateTimeOffset? Created, DateTimeOffset? NotBefore, DateTimeOffset? Expires)
{
    public bool IsValidAt(DateTimeOffset now) =>
        (NotBefore is not { } notBefore || notBefore <= now) && (Expires is not { } expires || expires > now);
}

/// <summary>A key (shared or named) with its valid versions. <see cref="User"/> is null for the shared key.</summary>
public sealed record ApiKey(string Name, ApiKeyKind Kind, string? User, ApiKeySource Source, IReadOnlyList<ApiKeyVersion> Versions)
{
    /// <summary>Identifies the key across kinds (a named key may share the shared key's name).</summary>
    public string Id => (Kind == ApiKeyKind.Shared ? "shared:" : "named:") + Name.ToLowerInvariant();
}
