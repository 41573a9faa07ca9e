using System.Security.Cryptography;
using System.Text;

namespace Crm.Core.Access;

/// <summary>Keys are held and compared only as SHA-256 hashes, in constant time.</summary>
public static class KeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool AnyMatches(IEnumerable<byte[]> validHashes, string candidate)
    {
        var hash = Of(candidate);
        var match = false;
        foreach (var valid in validHashes)
        {
            // No early exit: the time taken does not tell which key (if any) matched.
            match |= CryptographicOperations.FixedTimeEquals(valid, hash);
        }
        return match;
    }
}
