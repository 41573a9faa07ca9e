using Crm.Core.Commands;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Endpoint;

/// <summary>
/// Registers the request pipeline: the command catalog, <see cref="CrmApi"/>, the HTTP endpoint, its log redaction, and
/// what every host must do for its answers; called by AddCrm.
/// </summary>
public static class EndpointServiceCollectionExtensions
{
    public static IServiceCollection AddCrmEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CrmApi>();
        services.AddSingleton<CrmHttpEndpoint>();
        // No "Server: Kestrel" header: it tells an attacker what runs here and nothing to an integration.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        return services.AddSecretLogFilter();
    }
}
