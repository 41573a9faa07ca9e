using Crm.Core;
using Crm.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions;

/// <summary>The Azure Functions (isolated worker) host: ASP.NET Core integration, the CRM services.</summary>
public static class CrmFunctionsHost
{
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        configure?.Invoke(builder);
        // The worker's requests and dependencies, key redacted; host.json turns the host's dependency tracking off.
        builder.AddCrmTelemetry(exportLogs: false);
        builder.Services.AddCrm(builder.Configuration);
        return builder.Build();
    }
}
