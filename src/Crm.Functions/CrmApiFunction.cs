using Crm.Core.Endpoint;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>The HTTP trigger: hands the request to the shared endpoint (host.json's empty routePrefix keeps the original path).</summary>
public sealed class CrmApiFunction(CrmHttpEndpoint endpoint)
{
    [Function("CrmApi")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "plugins/servlet/crm/api")] HttpRequest request) =>
        new EndpointResult(endpoint);

    private sealed class EndpointResult(CrmHttpEndpoint endpoint) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => endpoint.HandleAsync(context.HttpContext);
    }
}
