using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Core.Endpoint;

namespace Crm.Bench.Hosting;

/// <summary>Calls the endpoint as an integration does: GET, key and user in headers, one pooled HttpClient.</summary>
public sealed class CrmCaller : IDisposable
{
    private static readonly byte[] EntryMarker = Encoding.UTF8.GetBytes("{\"id\":");
    private readonly HttpClient _http;

    public CrmCaller(Uri baseAddress, string apiKey, string user)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        _http.DefaultRequestHeaders.Add(CrmHttpEndpoint.ApiKeyHeader, apiKey);
        _http.DefaultRequestHeaders.Add(CrmHttpEndpoint.UserHeader, user);
    }

    public static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>One call; the whole body is read.</summary>
    public async Task<CallResult> GetAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri(CrmHttpEndpoint.Route + "?" + query, UriKind.Relative));
        return new CallResult(response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Like <see cref="GetAsync"/>, but anything other than 200 is a broken benchmark.</summary>
    public async Task<CallResult> GetOkAsync(string query)
    {
        var result = await GetAsync(query);
        return result.Status == HttpStatusCode.OK
            ? result
            : throw new InvalidOperationException($"{query.Split('&')[0]} answered {(int)result.Status}: {result.Text}");
    }

    /// <summary>
    /// A list read as a stream, never held: counts the entries (<c>{"id":</c> openings) and bytes, and checks the
    /// answer is complete (a cut connection throws).
    /// </summary>
    public async Task<(long Entries, long Bytes)> StreamListAsync(string query)
    {
        var (entries, bytes, _) = await ReadListAsync(query);
        return (entries, bytes);
    }

    /// <summary>
    /// One page of a paged list, read the way <see cref="StreamListAsync"/> reads a whole list (so both sides of the
    /// comparison do the same client work), plus the <c>nextCursor</c> the server writes after the array.
    /// </summary>
    public async Task<(long Entries, string? NextCursor)> ReadPageAsync(string query)
    {
        var (entries, _, tail) = await ReadListAsync(query);
        return (entries, NextCursorIn(tail));
    }

    private async Task<(long Entries, long Bytes, byte[] Tail)> ReadListAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri(CrmHttpEndpoint.Route + "?" + query, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var tail = new byte[TailBytes];
        var tailLength = 0;
        long entries = 0;
        long bytes = 0;
        var carry = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(carry, buffer.Length - carry))) > 0)
        {
            var filled = carry + read;
            bytes += read;
            var span = buffer.AsSpan(0, filled);
            var offset = 0;
            int at;
            while ((at = span[offset..].IndexOf(EntryMarker)) >= 0)
            {
                entries++;
                offset += at + EntryMarker.Length;
            }
            tailLength = KeepTail(tail, tailLength, span[carry..]);
            // Keep the tail so a marker split between two reads is still found once.
            carry = Math.Min(EntryMarker.Length - 1, filled - offset);
            buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
        }
        if (tailLength == 0 || tail[tailLength - 1] != (byte)'}')
        {
            throw new InvalidOperationException($"The list answer of {query} ended early after {bytes} bytes.");
        }
        return (entries, bytes, tail[..tailLength]);
    }

    private const int TailBytes = 1024;
    private static readonly byte[] CursorMarker = Encoding.UTF8.GetBytes("\"nextCursor\":\"");

    /// <summary>The last <see cref="TailBytes"/> bytes read so far, with <paramref name="fresh"/> appended.</summary>
    private static int KeepTail(byte[] tail, int length, ReadOnlySpan<byte> fresh)
    {
        if (fresh.Length >= tail.Length)
        {
            fresh[^tail.Length..].CopyTo(tail);
            return tail.Length;
        }
        var kept = Math.Min(length, tail.Length - fresh.Length);
        tail.AsSpan(length - kept, kept).CopyTo(tail);
        fresh.CopyTo(tail.AsSpan(kept));
        return kept + fresh.Length;
    }

    /// <summary>The cursor is base64url (no escapes), written after the list: the tail of the answer holds it.</summary>
    private static string? NextCursorIn(byte[] tail)
    {
        var at = tail.AsSpan().LastIndexOf(CursorMarker);
        if (at < 0)
        {
            return null;
        }
        var value = tail.AsSpan(at + CursorMarker.Length);
        var end = value.IndexOf((byte)'"');
        return end < 0 ? throw new InvalidOperationException("A nextCursor longer than the answer's tail.") : Encoding.UTF8.GetString(value[..end]);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record CallResult(HttpStatusCode Status, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Code => Status == HttpStatusCode.OK ? null
        : Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>The server does not know the command (it is not written yet on this branch).</summary>
    public bool IsUnknownCommand => Code == "unknown_command";
}
