using Crm.Core.Commands;
using Crm.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Schema;

/// <summary>Registers the schema (its cache and administration) and the handlers of <see cref="SchemaCommands"/>; called by AddCrm.</summary>
public static class SchemaServiceCollectionExtensions
{
    public static IServiceCollection AddCrmSchema(this IServiceCollection services)
    {
        services.AddSingleton<SchemaStore>();
        services.AddSingleton<SchemaCatalog>();
        services.AddSingleton<SchemaAdmin>();
        return services.AddCommandHandlers(SchemaCommands.All);
    }
}
