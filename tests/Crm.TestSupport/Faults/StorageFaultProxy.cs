using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.TestSupport.Faults;

/// <summary>
/// An HTTP proxy between the storage client and Azurite that injects faults at chosen requests: answers lost
/// after the work committed, error statuses, resets, latency, an outage. Point the server's connection string
/// at <see cref="ConnectionString"/> and set <see cref="Rule"/>.
/// </summary>
public sealed class StorageFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly Lock _lock = new();
    private Func<StorageRequest, StorageFault> _rule = _ => StorageFault.None;
    private int _batches;
    private int _others;

    /// <param name="targetConnectionString">Azurite's connection string (http TableEndpoint).</param>
    public StorageFaultProxy(string targetConnectionString)
    {
        _target = new Uri(TableEndpoint(targetConnectionString));
        _upstream = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        ConnectionString = Azurite.ConnectionStringFor(address.Port);
    }

    public string ConnectionString { get; }

    /// <summary>Requests answered with a fault other than plain forwarding since the rule was set.</summary>
    public int FaultsInjected => Volatile.Read(ref _faults);

    private int _faults;

    /// <summary>Decides the fault for each request; counting starts again at 1 whenever it is set.</summary>
    public Func<StorageRequest, StorageFault> Rule
    {
        set
        {
            lock (_lock)
            {
                _rule = value;
                _batches = 0;
                _others = 0;
                _faults = 0;
            }
        }
    }

    /// <summary>Every <paramref name="n"/>-th entity-group transaction loses its answer after it committed.</summary>
    public static Func<StorageRequest, StorageFault> EveryNthBatch(int n, StorageFault fault) =>
        request => request.IsBatch && request.Sequence % n == 0 ? fault : StorageFault.None;

    /// <summary>Every request fails: storage is down.</summary>
    public static Func<StorageRequest, StorageFault> Down { get; } = _ => StorageFault.Reset;

    private async Task HandleAsync(HttpContext http)
    {
        // The raw target: keys hold percent-escapes that a decode and re-encode would change.
        var pathAndQuery = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var isBatch = http.Request.Method == "POST" && http.Request.Path.Value?.EndsWith("/$batch", StringComparison.Ordinal) == true;
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        StorageFault fault;
        lock (_lock)
        {
            var sequence = isBatch ? ++_batches : ++_others;
            fault = _rule(new StorageRequest(http.Request.Method, pathAndQuery, isBatch, sequence, Encoding.UTF8.GetString(body.ToArray())));
        }
        if (fault is not StorageFault.Forward { Delay.Ticks: 0 })
        {
            Interlocked.Increment(ref _faults);
        }
        switch (fault)
        {
            case StorageFault.ResetConnection:
                http.Abort();
                return;
            case StorageFault.Refuse refuse:
                await RefuseAsync(http.Response, refuse);
                return;
            case StorageFault.Forward forward when forward.Delay > TimeSpan.Zero:
                await Task.Delay(forward.Delay, http.RequestAborted);
                break;
        }
        using var upstreamRequest = CopyRequest(http.Request, pathAndQuery, body.ToArray());
        using var upstreamResponse = await _upstream.SendAsync(upstreamRequest, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
        if (fault is StorageFault.AfterCommit afterCommit)
        {
            if (afterCommit.Hold > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(afterCommit.Hold, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
            }
            http.Abort();
            return;
        }
        await CopyResponseAsync(upstreamResponse, http.Response);
    }

    private HttpRequestMessage CopyRequest(HttpRequest request, string pathAndQuery, byte[] body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method),
            new Uri(_target.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        if (body.Length > 0 || request.ContentLength is not null)
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        return message;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage upstream, HttpResponse response)
    {
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
        var body = await upstream.Content.ReadAsByteArrayAsync();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    private static async Task RefuseAsync(HttpResponse response, StorageFault.Refuse refuse)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"odata.error\":{\"code\":\"" + refuse.ErrorCode + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Injected by the test's storage fault proxy.\"}}}");
        response.StatusCode = refuse.StatusCode;
        response.ContentType = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
        response.Headers["x-ms-error-code"] = refuse.ErrorCode;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    private static string TableEndpoint(string connectionString)
    {
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().Equals("TableEndpoint", StringComparison.OrdinalIgnoreCase))
            {
                var endpoint = part[(equals + 1)..].Trim();
                return endpoint.EndsWith('/') ? endpoint : endpoint + "/";
            }
        }
        throw new InvalidOperationException("The fault proxy needs a connection string with a TableEndpoint (Azurite).");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
