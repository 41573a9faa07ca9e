using System.Text;
using Azure.Data.Tables;
using Crm.Core.Schema;
using Crm.Server.Tests.Support;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Crm.Server.Tests;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// Lists stream (issue 3, item 8): the live managed memory of the process (server and client are both in it)
/// stays flat while 50,000 contacts are listed, instead of growing with the table.
/// Runs alone, so other tests' allocations do not blur the figure.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    private const int Contacts = 50_000;
    private const long AllowedGrowth = 50L * 1024 * 1024;

    [Fact]
    public async Task Getcontacts_of_50000_entries_keeps_live_memory_flat()
    {
        var storage = new DedicatedStorageServerFixture();
        await storage.InitializeAsync();
        try
        {
            await ListAndMeasureAsync(storage.Server);
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    private async Task ListAndMeasureAsync(CrmTestServer server)
    {
        await SeedEntryRowsAsync(server);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + CrmClient.Query(
            [("command", "getcontacts"), ("apiKey", CrmTestServer.ApiKey), ("userName", CrmTestServer.Admin)]));
        using var response = await server.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        // Count entries as the bytes arrive, never holding the body; take the live memory every 10,000 entries.
        var marker = Encoding.UTF8.GetBytes("{\"id\":\"");
        var buffer = new byte[64 * 1024];
        var matched = 0;
        var entries = 0;
        var peak = before;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                matched = buffer[i] == marker[matched] ? matched + 1 : buffer[i] == marker[0] ? 1 : 0;
                if (matched == marker.Length)
                {
                    matched = 0;
                    if (++entries % 10_000 == 0)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                    }
                }
            }
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"live managed memory: before {before / 1048576.0:F1} MB, peak while listing {peak / 1048576.0:F1} MB, after {after / 1048576.0:F1} MB");
        Assert.Equal(Contacts, entries);
        Assert.True(peak - before < AllowedGrowth, $"live memory grew by {(peak - before) / 1048576.0:F1} MB while listing {Contacts} contacts");
    }

    /// <summary>Entry rows only, written raw in transactions of 100: a listing reads nothing else, so the index rows would only cost seeding time.</summary>
    private static async Task SeedEntryRowsAsync(CrmTestServer server)
    {
        await server.Client.GetAsync(("command", "gettables"));
        var table = await server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync("CONTACTS", CancellationToken.None);
        var entities = server.Services.GetRequiredService<CrmTableSet>().Entities;
        var name = table.Title.Property;
        var email = table.FindByCode("contact_email")!.Property;
        await Parallel.ForEachAsync(Enumerable.Range(1, Contacts).Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
            await SeedBatch.SubmitAsync(entities, chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(table.Name, RowKeys.Entry(i))
                {
                    [name] = $"Contact number {i}",
                    [email] = $"contact{i}@example.com",
                    [RowProperties.Rows] = "",
                })), ct));
    }
}
