using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Server.Tests.Telemetry;

/// <summary>
/// Application Insights' ingestion endpoint on loopback, speaking its wire protocol: the exporter posts gzipped
/// newline-delimited JSON to <c>/v2.1/track</c> and expects <c>itemsReceived</c>/<c>itemsAccepted</c> back.
/// Live Metrics pings are answered "not subscribed".
/// </summary>
public sealed class FakeApplicationInsights : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _items = [];

    private FakeApplicationInsights(WebApplication app) => _app = app;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Every telemetry item received so far, one JSON document each.</summary>
    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public static async Task<FakeApplicationInsights> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeApplicationInsights(app);
        app.MapPost("/v2.1/track", (Delegate)fake.TrackAsync);
        app.MapPost("/v2/track", (Delegate)fake.TrackAsync);
        app.MapFallback((HttpContext context) =>
        {
            context.Response.Headers["x-ms-qps-subscribed"] = "false";
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        fake.ConnectionString = $"InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint={address}/;LiveEndpoint={address}/";
        return fake;
    }

    private async Task<IResult> TrackAsync(HttpContext context)
    {
        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }
        using var reader = new StreamReader(body);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lock (_items)
        {
            _items.AddRange(lines);
        }
        return Results.Json(new { itemsReceived = lines.Length, itemsAccepted = lines.Length, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
