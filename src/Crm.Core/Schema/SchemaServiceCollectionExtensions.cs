using Crm.Core.Commands;
using Crm.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Core.Schema;

/// <summary>Registers the schema (its cache and administration) and the handlers of <see cref="SchemaCommands"/>; called by AddCrm.</summary>
public static class SchemaServiceCollectionExtensions
{
    public static IServiceCollection AddCrmSchema(this IServiceCollection services)
    {
        services.AddSingleton<SchemaStore>();
        // Try: a test host may register an instance with a longer cache lifetime before AddCrm.
        services.TryAddSingleton<SchemaCatalog>();
        services.AddSingleton<SchemaAdmin>();
        services.AddSingleton<TableReindexer>();
        return services.AddCommandHandlers(SchemaCommands.All);
    }
}
