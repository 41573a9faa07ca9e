using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Microsoft.AspNetCore.Http;

namespace Crm.Core.Discovery;

/// <summary><c>GET /openapi.json</c> on either host: the description of every command, no key needed (it holds no data).</summary>
public static class OpenApiEndpoint
{
    public const string Route = "/openapi.json";

    // The document differs only by the server URL; callers use one or two host names, so the last one built is
    // kept (a cache keyed by the Host header would grow with whatever names a caller sends).
    private static Described? _last;

    public static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        // The server is the host the caller reached, so "try it" in /docs and generated clients call this same instance.
        var server = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var described = _last;
        if (described is null || described.Server != server)
        {
            var document = OpenApiDocumentBuilder.Build(CommandCatalog.All, server);
            described = _last = new Described(server, await OpenApiDocumentBuilder.ToJsonAsync(document, http.RequestAborted));
        }
        ResponseHeaders.SetFixed(http.Response);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(described.Json, http.RequestAborted);
    }

    private sealed record Described(string Server, string Json);
}
