using Crm.Core;
using Crm.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions;

/// <summary>What <c>Program.cs</c> does (ASP.NET Core integration, the CRM services, the worker's telemetry), with a hook for tests that runs before <c>AddCrm</c>.</summary>
public static class CrmFunctionsHost
{
    /// <summary>
    /// The worker's requests, dependencies and metrics, key redacted (host.json turns the host's dependency tracking
    /// off); no logs, which the host already ships.
    /// </summary>
    public static FunctionsApplicationBuilder AddCrmWorkerTelemetry(this FunctionsApplicationBuilder builder) =>
        builder.AddCrmTelemetry(exportLogs: false);

    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        configure?.Invoke(builder);
        return builder.AddCrm().AddCrmWorkerTelemetry().Build();
    }
}
