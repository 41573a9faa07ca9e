using Crm.Core.Discovery;

namespace Crm.Server;

/// <summary><c>/openapi.json</c>, the reference page <c>/docs</c> (with its scripts under <c>/docs/</c>), and <c>/</c> leading to it; no key needed.</summary>
public static class DiscoveryRoutes
{
    public static WebApplication MapDiscovery(this WebApplication app)
    {
        app.MapGet(OpenApiEndpoint.Route, OpenApiEndpoint.HandleAsync);
        app.MapGet(ApiReferencePage.Route + "/{*asset}", (HttpContext context, string? asset) => ApiReferencePage.HandleAsync(context, asset));
        app.MapGet("/", () => Results.Redirect(ApiReferencePage.Route));
        return app;
    }
}
