using Crm.Core.Discovery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>
/// The description and the reference page on Azure: anonymous, like the endpoint, because they hold no data
/// (host.json's empty routePrefix keeps the paths <c>/openapi.json</c> and <c>/docs</c>), and the site root leading
/// to the page. The host has no empty route: an optional parameter that must be empty matches only <c>/</c> (docs/api.md#discovery).
/// </summary>
public static class DiscoveryFunctions
{
    [Function("OpenApi")]
    public static IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new HandledResult(OpenApiEndpoint.HandleAsync);

    [Function("ApiReference")]
    public static IActionResult ApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{*asset}")] HttpRequest request, string? asset) =>
        new HandledResult(http => ApiReferencePage.HandleAsync(http, asset));

    [Function("Home")]
    public static IActionResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{root:maxlength(0)?}")] HttpRequest request) =>
        new HandledResult(http =>
        {
            http.Response.Redirect(ApiReferencePage.Route);
            return Task.CompletedTask;
        });
}
