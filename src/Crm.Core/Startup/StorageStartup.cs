using Crm.Core.Dictionaries;
using Crm.Core.Schema;
using Crm.Storage.Tables;

namespace Crm.Core.Startup;

/// <summary>Creates the Azure tables and seeds the default schema and dictionaries (each seed is one transaction, so racing instances cannot double it).</summary>
public sealed class StorageStartup(CrmTableSet tables, SchemaCatalog schema, DictionaryCatalog dictionaries) : IStartupTask
{
    public int Order => 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        await schema.SeedAsync(DefaultSchema.Tables, cancellationToken);
        foreach (var (name, open, values) in DefaultSchema.Dictionaries)
        {
            await dictionaries.CreateAsync(name, open, values, cancellationToken);
        }
    }
}
