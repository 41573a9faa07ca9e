using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Endpoint;

/// <summary>The HTTP endpoint and what every host must do for its answers. Called by AddCrm.</summary>
public static class EndpointServiceCollectionExtensions
{
    public static IServiceCollection AddCrmEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<CrmHttpEndpoint>();
        // No "Server: Kestrel" header: it tells an attacker what runs here and nothing to an integration.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        return services;
    }
}
