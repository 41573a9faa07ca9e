using Crm.Core;
using Crm.Core.Endpoint;
using Crm.Core.Telemetry;

namespace Crm.Server;

/// <summary>The CRM endpoint on Kestrel: local runs, self-hosting and end-to-end tests.</summary>
public static class CrmServerApp
{
    /// <summary>What <c>Program.cs</c> does, with a hook for tests that runs before <c>AddCrm</c>.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddCrm();
        return builder.BuildCrmServer();
    }

    /// <summary>
    /// Adds what only this host has (its telemetry with logs, Azure's request limits, its own sync schedule), builds
    /// it and maps the endpoint (also one path per command) and the discovery routes.
    /// </summary>
    public static WebApplication BuildCrmServer(this WebApplicationBuilder builder)
    {
        builder.AddCrmTelemetry(exportLogs: true);
        builder.AddAzureRequestLimits();
        builder.Services.AddSingleton<SyncScheduleService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SyncScheduleService>());
        builder.Services.AddHostedService<SyncQueueService>();
        var app = builder.Build();
        app.UseAzureRequestLimits();
        app.MapMethods(CrmHttpEndpoint.Route, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, CrmHttpEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapMethods(CrmHttpEndpoint.Route + "/{command}", [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, CrmHttpEndpoint endpoint, string command) => endpoint.HandleAsync(context, command));
        app.MapDiscovery();
        return app;
    }
}
