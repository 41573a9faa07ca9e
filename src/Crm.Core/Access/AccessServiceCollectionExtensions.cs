using Crm.Core.Commands;
using Crm.Core.Startup;
using Crm.Storage.Access;
using Crm.Storage.Configuration;
using Crm.Storage.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>Registers keys, users, rights and the handlers of <see cref="AccessCommands"/>. Called by AddCrm.</summary>
public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddCrmAccess(this IServiceCollection services)
    {
        // Tests (and the Jira token reader) may register their own SecretClient before AddCrm.
        services.TryAddSingleton(sp => SecretClients.Create(sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value));
        services.TryAddSingleton<SecretVersionReader>();
        services.TryAddSingleton<KeyVaultApiKeyValidator>();
        services.TryAddSingleton<ConfiguredApiKeyValidator>();
        services.TryAddSingleton<IApiKeyValidator>(sp => SecretClients.IsConfigured(sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value)
            ? sp.GetRequiredService<KeyVaultApiKeyValidator>()
            : sp.GetRequiredService<ConfiguredApiKeyValidator>());

        services.AddSingleton<AccessStore>();
        services.AddSingleton<StoredUserDirectory>();
        services.TryAddSingleton<IUserDirectory>(sp => sp.GetRequiredService<StoredUserDirectory>());
        services.AddSingleton<RightNames>();
        services.AddSingleton<IStartupTask, BootstrapAdminStartup>();

        return services.AddCommandHandlers(AccessCommands.All);
    }
}
