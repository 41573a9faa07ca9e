using System.Security.Cryptography;

namespace Crm.Core.Access;

/// <summary>Every key known at one moment (<see cref="LoadedAt"/>), matched against a presented key in constant time.</summary>
public sealed class KeyRing(IReadOnlyList<ApiKey> keys, DateTimeOffset loadedAt)
{
    public IReadOnlyList<ApiKey> Keys { get; } = keys;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>The key one of whose versions has this value and is valid at <paramref name="now"/>; null otherwise.</summary>
    public ApiKey? Match(string candidate, DateTimeOffset now)
    {
        var hash = KeyHash.Of(candidate);
        ApiKey? matched = null;
        ApiKeyVersion? version = null;
        foreach (var key in Keys)
        {
            foreach (var valid in key.Versions)
            {
                // No early exit: the time taken does not tell which key (if any) matched.
                if (CryptographicOperations.FixedTimeEquals(valid.Hash, hash))
                {
                    matched = key;
                    version = valid;
                }
            }
        }
        // Expiry is checked at the call, not only when the ring was loaded.
        return version is not null && version.IsValidAt(now) ? matched : null;
    }
}
