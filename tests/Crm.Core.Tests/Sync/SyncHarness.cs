using Azure.Data.Tables;
using Crm.Core.Access;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Core.Startup;
using Crm.Core.Sync;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Leases;
using Crm.Storage.Schema;
using Crm.Storage.SyncRuns;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Sync;

/// <summary>The CRM's services (as AddCrm registers them) on fresh Azurite tables, for driving the sync job directly.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private static readonly CrmUser Admin = new("admin", new HashSet<string>([CrmRights.Admin], CrmRights.Comparer));
    private readonly ServiceProvider _services;

    public SyncHarness(IDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var prefix = Azurite.NewTablePrefix();
        var configuration = new Dictionary<string, string?>
        {
            ["Crm:Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Crm:Storage:TablePrefix"] = prefix,
            ["Crm:Sync:QueueName"] = Azurite.QueueNameFor(prefix),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.UseShortStorageRetries();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        configure?.Invoke(services);
        services.AddCrm(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        _services = services.BuildServiceProvider();
    }

    public SyncJob Job => Get<SyncJob>();
    public SyncRequests Requests => Get<SyncRequests>();
    public SyncRunStore Runs => Get<SyncRunStore>();
    public EntryStore Store => Get<EntryStore>();
    public LeaseStore Leases => Get<LeaseStore>();
    public SchemaStore SchemaStore => Get<SchemaStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Takes the next message off the run queue and carries it out, as the queue trigger does; null when the queue is empty.</summary>
    public async Task<SyncRunOutcome?> ProcessNextQueuedAsync()
    {
        var queue = Get<RunQueueClient>();
        var message = await queue.ReceiveAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        if (message is null)
        {
            return null;
        }
        var outcome = await Get<SyncRunner>().ProcessAsync(message.Body, CancellationToken.None);
        if (outcome == SyncRunOutcome.Finished)
        {
            await queue.DeleteAsync(message, CancellationToken.None);
        }
        return outcome;
    }

    public async Task<TableDefinition> TableAsync(string name)
    {
        await Get<CrmStartup>().EnsureReadyAsync(CancellationToken.None);
        return await Get<SchemaCatalog>().GetTableAsync(name, CancellationToken.None);
    }

    /// <summary>Adds an entry the way the commands do; values by field code.</summary>
    public async Task<long> AddAsync(string tableName, params (string Code, string Value)[] values)
    {
        var table = await TableAsync(tableName);
        var inputs = values.Select(v => new FieldInput(table.FindByCode(v.Code)!, v.Value, v.Code)).ToList();
        return await Get<EntryWriter>().CreateAsync(table, inputs, Admin, CancellationToken.None);
    }

    public async Task<IReadOnlyList<Contact>> ContactsAsync()
    {
        var table = await TableAsync(DefaultSchema.Contacts);
        string Value(StoredEntry entry, string code) => entry.Get(table.FindByCode(code)!.Property);
        var contacts = new List<Contact>();
        await foreach (var page in Store.ListAsync(table.Name, CancellationToken.None))
        {
            contacts.AddRange(page.Select(e => new Contact(
                e.Id, Value(e, "contact_login"), Value(e, "contact_name"), Value(e, "contact_email"), Value(e, "contact_active"), Value(e, "contact_company"))));
        }
        return contacts;
    }

    /// <summary>RowKey → ETag of every row in a table's partition (entries, claims, index rows, counter): equal before and after means nothing was written.</summary>
    public async Task<Dictionary<string, string>> RowVersionsAsync(string tableName)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in Get<CrmTableSet>().Entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tableName}"), select: ["RowKey"]))
        {
            versions[row.RowKey] = row.ETag.ToString();
        }
        return versions;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

public sealed record Contact(long Id, string Login, string Name, string Email, string Active, string Company);
