using Crm.Core.Schema;
using Crm.Storage.Entries;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.TestSupport.Faults;

/// <summary>A CRM server whose storage traffic goes through a <see cref="StorageFaultProxy"/>, with its own tables.</summary>
public sealed class FaultyStorageServer : IAsyncDisposable
{
    public FaultyStorageServer(IDictionary<string, string?>? settings = null)
    {
        Proxy = new StorageFaultProxy(Azurite.ConnectionString);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Crm:Storage:ConnectionString"] = Proxy.ConnectionString,
        };
        Server = new CrmTestServer(all);
    }

    public StorageFaultProxy Proxy { get; }
    public CrmTestServer Server { get; }
    public CrmClient Client => Server.Client;

    /// <summary>Problems found by reading the table's partition directly (bypassing the proxy).</summary>
    public Task<IReadOnlyList<string>> AuditAsync(string tableName) =>
        StorageAudit.FindProblemsAsync(Server, Azurite.ConnectionString, tableName);

    /// <summary>The titles of every stored entry of the table, read directly.</summary>
    public async Task<IReadOnlyList<string>> TitlesAsync(string tableName)
    {
        var table = await Server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync(tableName, CancellationToken.None);
        return await StorageAudit.ValuesAsync(Server, Azurite.ConnectionString, tableName, table.Title.Property);
    }

    /// <summary>The <c>Idempotency-Key</c> call records kept with the table's entries, read directly.</summary>
    public Task<IReadOnlyList<CallRecord>> CallRecordsAsync(string tableName) =>
        StorageAudit.CallRecordsAsync(Server, Azurite.ConnectionString, tableName);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
