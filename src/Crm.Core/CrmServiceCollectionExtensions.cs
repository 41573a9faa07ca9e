using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Commands.Dictionaries;
using Crm.Core.Commands.Entries;
using Crm.Core.Commands.Schema;
using Crm.Core.Commands.Search;
using Crm.Core.Dictionaries;
using Crm.Core.Endpoint;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Core.Search;
using Crm.Core.Startup;
using Crm.Core.Sync;
using Crm.Storage.Configuration;
using Crm.Storage.Diagnostics;
using Crm.Storage.Dictionaries;
using Crm.Storage.Entries;
using Crm.Storage.Schema;
using Crm.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Core;

/// <summary>Registers the whole CRM (storage, access, commands, the HTTP endpoint); both hosts call this and nothing else.</summary>
public static class CrmServiceCollectionExtensions
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TableStorageOptions>(configuration.GetSection(TableStorageOptions.SectionName));
        services.Configure<KeyVaultOptions>(configuration.GetSection(KeyVaultOptions.SectionName));
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.SectionName));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CrmTableSet(sp.GetRequiredService<IOptions<TableStorageOptions>>().Value));
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton<EntryStore>();
        services.AddSingleton<Crm.Storage.Idempotency.IdempotencyStore>();
        services.AddSingleton<Crm.Core.Idempotency.IdempotentCalls>();
        services.AddSingleton<SchemaStore>();
        services.AddSingleton<DictionaryStore>();

        services.AddSingleton<SchemaCatalog>();
        services.AddSingleton<DictionaryCatalog>();
        services.AddSingleton<DictionaryValues>();
        services.AddSingleton<EntryReader>();
        services.AddSingleton<EntryWriter>();
        services.AddSingleton<EntrySearch>();
        services.AddSingleton<SchemaAdmin>();
        services.AddSingleton<EntryCommandServices>();

        services.AddSingleton<IStartupTask, StorageStartup>();
        services.AddSingleton<CrmStartup>();
        services.AddCrmAccess();

        AddEntryCommands(services, EntryCommandNames.Companies, "getcompanies", "getcompanybyname", "addcompany", "editcompany", "deletecompany");
        AddEntryCommands(services, EntryCommandNames.Contacts, "getcontacts", "getcontactbyname", "addcontact", "editcontact", "deletecontact");

        services.AddSingleton<ICrmCommand, SetContactCommand>();
        services.AddSingleton<ICrmCommand, UpdateOrCreateEntityCommand>();
        services.AddSingleton<ICrmCommand, SearchEntitiesCommand>();
        services.AddSingleton<ICrmCommand, TransactionsListCommand>();
        services.AddSingleton<ICrmCommand, AddDictionaryValueCommand>();
        services.AddSingleton<ICrmCommand, RemoveDictionaryValueCommand>();
        services.AddSingleton<ICrmCommand, GetDictionaryCommand>();
        services.AddSingleton<ICrmCommand, GetTablesCommand>();
        services.AddSingleton<ICrmCommand, GetFieldsCommand>();
        services.AddSingleton<ICrmCommand, AddTableCommand>();
        services.AddSingleton<ICrmCommand, AddFieldCommand>();
        services.AddSingleton<ICrmCommand, EditFieldCommand>();
        services.AddSingleton<ICrmCommand, RemoveFieldCommand>();

        services.AddCrmSync(configuration);

        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CrmApi>();
        services.AddSingleton<CrmHttpEndpoint>();
        return services;
    }

    private static void AddEntryCommands(IServiceCollection services, EntryCommandNames names, string list, string get, string add, string edit, string delete)
    {
        services.AddSingleton<ICrmCommand>(sp => new ListEntriesCommand(list, names.Table, sp.GetRequiredService<EntryCommandServices>()));
        services.AddSingleton<ICrmCommand>(sp => new GetEntryCommand(get, names, sp.GetRequiredService<EntryCommandServices>()));
        services.AddSingleton<ICrmCommand>(sp => new AddEntryCommand(add, names, sp.GetRequiredService<EntryCommandServices>()));
        services.AddSingleton<ICrmCommand>(sp => new EditEntryCommand(edit, names, sp.GetRequiredService<EntryCommandServices>()));
        services.AddSingleton<ICrmCommand>(sp => new DeleteEntryCommand(delete, names, sp.GetRequiredService<EntryCommandServices>()));
    }
}
