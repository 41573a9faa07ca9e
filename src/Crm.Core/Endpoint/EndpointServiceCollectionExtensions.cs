using Crm.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Endpoint;

/// <summary>Registers the request pipeline: the command catalog, <see cref="CrmApi"/>, the HTTP endpoint and its log redaction; called by AddCrm.</summary>
public static class EndpointServiceCollectionExtensions
{
    public static IServiceCollection AddCrmEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CrmApi>();
        services.AddSingleton<CrmHttpEndpoint>();
        return services.AddSecretLogFilter();
    }
}
