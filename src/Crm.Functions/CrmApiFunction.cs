using Crm.Core.Endpoint;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>The HTTP triggers: hand the request to the shared endpoint (host.json's empty routePrefix keeps the original path).</summary>
public sealed class CrmApiFunction(CrmHttpEndpoint endpoint)
{
    [Function("CrmApi")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "plugins/servlet/crm/api")] HttpRequest request) =>
        new HandledResult(http => endpoint.HandleAsync(http));

    /// <summary>One path per command: <c>/plugins/servlet/crm/api/&lt;command&gt;</c> answers as <c>?command=&lt;command&gt;</c>.</summary>
    [Function("CrmApiCommand")]
    public IActionResult RunCommand(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "plugins/servlet/crm/api/{command}")] HttpRequest request, string command) =>
        new HandledResult(http => endpoint.HandleAsync(http, command));
}

/// <summary>Lets a shared ASP.NET Core handler write the answer itself (streamed lists, its own headers).</summary>
internal sealed class HandledResult(Func<HttpContext, Task> handle) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => handle(context.HttpContext);
}
