using Crm.Core.Commands;
using Crm.Storage.Dictionaries;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Dictionaries;

/// <summary>Registers the dictionaries (their cache, value rules) and the handlers of <see cref="DictionaryCommands"/>; called by AddCrm.</summary>
public static class DictionariesServiceCollectionExtensions
{
    public static IServiceCollection AddCrmDictionaries(this IServiceCollection services)
    {
        services.AddSingleton<DictionaryStore>();
        services.AddSingleton<DictionaryCatalog>();
        services.AddSingleton<DictionaryValues>();
        return services.AddCommandHandlers(DictionaryCommands.All);
    }
}
