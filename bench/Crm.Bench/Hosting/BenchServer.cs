using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Crm.Core.Schema;
using Crm.Storage.Diagnostics;
using Crm.Storage.Schema;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench.Hosting;

/// <summary>
/// Crm.Server in this process on real Kestrel (127.0.0.1, free port), with its own Azure tables, plus a caller
/// speaking HTTP to it and a raw <see cref="CrmTableSet"/> on the same tables for the reference figures.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly CrmTestServer _server;

    private BenchServer(CrmTestServer server, CrmTableSet raw, string apiKey)
    {
        _server = server;
        Raw = raw;
        Caller = new CrmCaller(server.BaseAddress, apiKey, CrmTestServer.Admin);
    }

    public CrmCaller Caller { get; }

    /// <summary>The server's own tables, opened with a separate client configured like the server's.</summary>
    public CrmTableSet Raw { get; }

    /// <summary>Counts the server's storage reads from now on.</summary>
    public StorageCounters CountStorage() => new(_server.Services);

    public string TablePrefix => _server.TablePrefix;

    public static Task<BenchServer> StartAsync(string tablePrefix) =>
        StartAsync(tablePrefix, CrmTestServer.ApiKey, new Dictionary<string, string?>(), configure: null);

    /// <param name="apiKey">The key the caller presents (a vault-backed server does not take the configured local key).</param>
    public static async Task<BenchServer> StartAsync(
        string tablePrefix, string apiKey, IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        var configuration = new Dictionary<string, string?>(settings)
        {
            ["Crm:Storage:TablePrefix"] = tablePrefix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        var server = new CrmTestServer(configuration, configure);
        var bench = new BenchServer(server, TableSet(tablePrefix), apiKey);
        // The first command runs the startup tasks (tables, schema, dictionaries); not part of any figure.
        await bench.Caller.GetOkAsync(CrmCaller.Query(("command", "getcompanies")));
        return bench;
    }

    /// <summary>Another set of Azure tables in the same storage (for raw writes that must not touch the server's).</summary>
    public static async Task<CrmTableSet> NewTablesAsync(string tablePrefix)
    {
        var tables = TableSet(tablePrefix);
        await tables.EnsureCreatedAsync(CancellationToken.None);
        return tables;
    }

    public async Task<TableDefinition> TableAsync(string name) =>
        await _server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync(name, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Caller.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>
    /// A client for bulk seeding: no retries (a retried batch that had gone through fails as a duplicate) and a
    /// long timeout, since Azurite takes seconds per batch once a partition is large.
    /// </summary>
    public static TableClient BulkClient(TableClient table)
    {
        var options = new TableClientOptions
        {
            // Azurite (node) closes idle keep-alive connections after 5 s; reusing one as it closes is a reset, which must not happen without retries.
            Transport = new HttpClientTransport(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) }),
        };
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(10);
        return new TableServiceClient(Azurite.ConnectionString, options).GetTableClient(table.Name);
    }

    /// <summary>Removes every table of a prefix (after a run against a real storage account).</summary>
    public static async Task DeleteTablesAsync(string tablePrefix) =>
        await Task.WhenAll(TableSet(tablePrefix).All.Select(t => t.DeleteAsync()));

    private static CrmTableSet TableSet(string prefix) =>
        StorageClients.Tables(prefix);
}
