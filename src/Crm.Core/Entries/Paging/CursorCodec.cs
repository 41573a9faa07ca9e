using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Crm.Core.Errors;
using Crm.Storage.Paging;

namespace Crm.Core.Entries.Paging;

/// <summary>
/// Cursors: the id of the last entry a page returned, with an HMAC-SHA256 (the shared key of <see cref="CursorKeyStore"/>)
/// over that id and the list's <see cref="CursorBinding"/>, as base64url. Opaque to clients, checked in constant time;
/// a cursor that is altered, made up, or issued for another command, table or criteria is a <c>bad_request</c>.
/// </summary>
public sealed class CursorCodec(CursorKeyStore keys)
{
    private const byte Format = 1;
    private const int MacBytes = 16;
    private const int Length = 1 + sizeof(long) + MacBytes;

    private Task<byte[]>? _key;

    public async Task<string> IssueAsync(CursorBinding binding, long afterId, CancellationToken cancellationToken)
    {
        var cursor = new byte[Length];
        cursor[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(cursor.AsSpan(1), afterId);
        Mac(await KeyAsync(cancellationToken), binding, afterId).CopyTo(cursor.AsSpan(1 + sizeof(long)));
        return Base64Url.EncodeToString(cursor);
    }

    /// <summary>The id after which the page continues.</summary>
    public async Task<long> ReadAsync(CursorBinding binding, string cursor, CancellationToken cancellationToken)
    {
        var bytes = new byte[Length];
        if (!TryDecode(cursor, bytes) || bytes[0] != Format)
        {
            throw Refused();
        }
        var afterId = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        var expected = Mac(await KeyAsync(cancellationToken), binding, afterId);
        if (afterId < 0 || !CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(1 + sizeof(long))))
        {
            throw Refused();
        }
        return afterId;
    }

    private static bool TryDecode(string cursor, byte[] bytes)
    {
        try
        {
            // Re-encoding must give the cursor back: a change in the unused bits of its last character is an alteration too.
            return cursor.Length == Base64Url.GetEncodedLength(Length) && Base64Url.TryDecodeFromChars(cursor, bytes, out var written) && written == Length
                && Base64Url.EncodeToString(bytes) == cursor;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Mac(byte[] key, CursorBinding binding, long afterId) =>
        HMACSHA256.HashData(key, binding.ToBytes(afterId))[..MacBytes];

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        var key = _key ??= keys.GetOrCreateAsync(CancellationToken.None);
        try
        {
            return await key.WaitAsync(cancellationToken);
        }
        catch (Exception) when (key.IsFaulted)
        {
            // An unreachable store now must not stick: the next call reads again.
            _ = Interlocked.CompareExchange(ref _key, null, key);
            throw;
        }
    }

    private static CrmException Refused() => CrmException.BadRequest(
        "This cursor was not issued for this list (command, table and criteria) or was altered; start again without 'cursor'.");
}
