using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Storage.Entries;

namespace Crm.Core.Entries.Versions;

/// <summary>
/// The <c>ETag</c> of an entry: a hash of its table, id and the storage ETag of its row, quoted. Opaque to clients (the
/// storage's own tag would tell them about timestamps and could not be told apart between tables); every write of
/// the row changes it. Null when the version is unknown.
/// </summary>
public static class EntryVersions
{
    public static string? Tag(string table, StoredEntry entry) => Tag(table, entry.Id, entry.Version);

    public static string? Tag(string table, long id, string? storageVersion)
    {
        if (storageVersion is null)
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{table}\n{id}\n{storageVersion}")));
        return "\"" + Convert.ToHexStringLower(hash, 0, 16) + "\"";
    }
}
