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
        using var response = await _http.GetAsync(new Uri(CrmHttpEndpoint.Route + "?" + query, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long entries = 0;
        long bytes = 0;
        var carry = 0;
        byte last = 0;
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
            last = buffer[filled - 1];
            // Keep the tail so a marker split between two reads is still found once.
            carry = Math.Min(EntryMarker.Length - 1, filled - offset);
            buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
        }
        if (last != (byte)'}')
        {
            throw new InvalidOperationException($"The list answer of {query} ended early after {bytes} bytes.");
        }
        return (entries, bytes);
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
