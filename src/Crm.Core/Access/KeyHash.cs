using System.Security.Cryptography;
using System.Text;

namespace Crm.Core.Access;

/// <summary>Keys are held and compared only as SHA-256 hashes, in constant time (<see cref="KeyRing.Match"/>).</summary>
public static class KeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
