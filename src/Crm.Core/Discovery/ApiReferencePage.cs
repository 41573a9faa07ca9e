using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Crm.Core.Discovery;

/// <summary>
/// <c>GET /docs</c> on either host: Scalar's reference page over <c>/openapi.json</c>. Its script is the standalone
/// build embedded in the Scalar.AspNetCore package, served from here (the Functions host has no endpoint routing for
/// <c>MapScalarApiReference</c>); the page's Content-Security-Policy lets it load and call nothing but this host.
/// </summary>
public static class ApiReferencePage
{
    public const string Route = "/docs";
    private const string ScalarResources = "ScalarStaticAssets.";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>CRM command API reference</title>
          <link rel="icon" type="image/svg+xml" href="/docs/favicon.svg">
        </head>
        <body>
          <div id="app"></div>
          <script src="/docs/scalar.js"></script>
          <script src="/docs/init.js"></script>
        </body>
        </html>
        """;

    // Scalar's defaults would reach its own hosts: fonts, a request proxy, telemetry, its agent and hosted client.
    private const string Init = """
        Scalar.createApiReference('#app', {
          url: '/openapi.json',
          withDefaultFonts: false,
          telemetry: false,
          proxyUrl: null,
          hideClientButton: true,
          showDeveloperTools: 'never',
          defaultOpenAllTags: true,
          agent: { disabled: true },
          persistAuth: false,
          authentication: { preferredSecurityScheme: 'ApiKeyHeader' },
        });
        """;

    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <param name="asset">The part after <c>/docs/</c>: empty for the page, <c>scalar.js</c>, <c>init.js</c> or <c>favicon.svg</c>.</param>
    public static Task HandleAsync(HttpContext http, string? asset)
    {
        var response = http.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        switch (asset ?? "")
        {
            case "":
                response.Headers.ContentSecurityPolicy = Policy;
                response.Headers.CacheControl = "no-cache";
                response.ContentType = "text/html; charset=utf-8";
                return response.WriteAsync(Html, http.RequestAborted);
            case "init.js":
                response.Headers.CacheControl = "no-cache";
                response.ContentType = "text/javascript; charset=utf-8";
                return response.WriteAsync(Init, http.RequestAborted);
            case "scalar.js":
                return WriteScalarAsync(http, "scalar.js", "text/javascript; charset=utf-8");
            case "favicon.svg":
                return WriteScalarAsync(http, "favicon.svg", "image/svg+xml");
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    /// <summary>Scalar's embedded assets are gzip-compressed: sent as they are to a browser that accepts gzip, else inflated.</summary>
    private static async Task WriteScalarAsync(HttpContext http, string name, string contentType)
    {
        var response = http.Response;
        await using var stored = typeof(Scalar.AspNetCore.ScalarOptions).Assembly.GetManifestResourceStream(ScalarResources + name)
            ?? throw new InvalidOperationException($"Scalar.AspNetCore no longer embeds {ScalarResources}{name}; /docs needs it.");
        var gzip = IsGzip(stored);
        response.ContentType = contentType;
        response.Headers.CacheControl = "public, max-age=3600";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (!gzip || http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            if (gzip)
            {
                response.Headers.ContentEncoding = "gzip";
            }
            await stored.CopyToAsync(response.Body, http.RequestAborted);
            return;
        }
        await using var plain = new GZipStream(stored, CompressionMode.Decompress);
        await plain.CopyToAsync(response.Body, http.RequestAborted);
    }

    private static bool IsGzip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var isGzip = stream.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        stream.Position = 0;
        return isGzip;
    }
}
