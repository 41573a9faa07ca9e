using Crm.Core.Schema;
using Crm.Storage.Dictionaries;
using Crm.Storage.Schema;
using Crm.Storage.Tables;

namespace Crm.Core.Startup;

/// <summary>Creates the Azure tables and seeds the default schema and dictionaries (each seed is one transaction, so racing instances cannot double it).</summary>
public sealed class StorageStartup(CrmTableSet tables, SchemaStore schema, DictionaryStore dictionaries, SchemaCatalog catalog) : IStartupTask
{
    public int Order => 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        if (await schema.SeedAsync(DefaultSchema.Tables, cancellationToken))
        {
            catalog.Invalidate();
        }
        foreach (var (name, open, values) in DefaultSchema.Dictionaries)
        {
            await dictionaries.CreateAsync(name, open, values, cancellationToken);
        }
    }
}
