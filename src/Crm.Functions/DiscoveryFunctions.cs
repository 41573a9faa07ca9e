using Crm.Core.Discovery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>
/// The description and the reference page on Azure: anonymous, like the endpoint, because they hold no data
/// (host.json's empty routePrefix keeps the paths <c>/openapi.json</c> and <c>/docs</c>).
/// </summary>
public static class DiscoveryFunctions
{
    [Function("OpenApi")]
    public static IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new HandledResult(OpenApiEndpoint.HandleAsync);

    [Function("ApiReference")]
    public static IActionResult ApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{*asset}")] HttpRequest request, string? asset) =>
        new HandledResult(http => ApiReferencePage.HandleAsync(http, asset));
}
