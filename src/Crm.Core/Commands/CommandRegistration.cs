using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Core.Commands;

public static class CommandRegistration
{
    /// <summary>Registers the handler of every listed command (once each), so the list stays the only place that names them.</summary>
    public static IServiceCollection AddCommandHandlers(this IServiceCollection services, IEnumerable<CrmCommand> commands)
    {
        foreach (var handler in commands.Select(c => c.Handler).Distinct())
        {
            services.TryAddSingleton(handler);
        }
        return services;
    }
}
