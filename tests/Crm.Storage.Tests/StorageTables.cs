using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Entries;
using Crm.Storage.Tables;
using Crm.TestSupport;

namespace Crm.Storage.Tests;

/// <summary>One set of Azure tables per test class (its own prefix on the shared Azurite); tests use their own partitions.</summary>
public sealed class StorageTables : IAsyncLifetime
{
    private readonly string _prefix = Azurite.NewTablePrefix();

    public StorageTables() => Tables = NewInstance();

    public CrmTableSet Tables { get; }

    public string Prefix => _prefix;

    /// <summary>Another client set over the same Azure tables, as a second instance of the app would have.</summary>
    public CrmTableSet NewInstance() =>
        StorageClients.Tables(_prefix);

    public EntryStore NewStore(CrmTableSet? tables = null) => new(tables ?? Tables, new StorageMetrics());

    /// <summary>A partition (CRM table name) of its own for one test.</summary>
    public static string NewPartition(string what) => what.ToUpperInvariant() + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// The raw rows of a partition whose RowKey starts with <paramref name="rowKeyPrefix"/>, read past the engine;
    /// write tokens (<c>t~</c>) only when the prefix asks for them.
    /// </summary>
    public async Task<List<TableEntity>> RawRowsAsync(string partition, string rowKeyPrefix = "")
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.Entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            if (row.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal)
                && (rowKeyPrefix.StartsWith(WriteTokens.Prefix, StringComparison.Ordinal) || !row.RowKey.StartsWith(WriteTokens.Prefix, StringComparison.Ordinal)))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    public Task InitializeAsync() => Tables.EnsureCreatedAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.WhenAll(Tables.All.Select(t => t.DeleteAsync()));
}
