using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Microsoft.AspNetCore.Http;

namespace Crm.Core.Discovery;

/// <summary><c>GET /openapi.json</c> on either host: the description of every command, no key needed (it holds no data).</summary>
public static class OpenApiEndpoint
{
    public const string Route = "/openapi.json";

    public static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        // The server is the host the caller reached, so "try it" in /docs and generated clients call this same instance.
        var document = OpenApiDocumentBuilder.Build(CommandCatalog.All, $"{request.Scheme}://{request.Host}{request.PathBase}");
        var json = await OpenApiDocumentBuilder.ToJsonAsync(document, http.RequestAborted);
        ResponseHeaders.SetFixed(http.Response);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(json, http.RequestAborted);
    }
}
