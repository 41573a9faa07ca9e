using System.Globalization;
using System.Net;
using Crm.Server.Tests.Support;
using Crm.Storage.Diagnostics;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests;

/// <summary>Big tables: search reads index rows only; lists stream every entry in id order.</summary>
public sealed class LargeTableTests(DedicatedStorageServerFixture fixture) : IClassFixture<DedicatedStorageServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    /// <summary>
    /// Entries in the searched table: 20,000 as issue 3 asks; <c>CRM_TEST_LARGE_TABLE</c> lowers it for a quick
    /// local loop (e.g. 3000). The assertion is the same at any size: the rows read do not depend on it.
    /// </summary>
    private static readonly int LargeTableSize =
        int.TryParse(Environment.GetEnvironmentVariable("CRM_TEST_LARGE_TABLE"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 2_000 ? size : 20_000;

    [Fact]
    public async Task A_search_in_a_large_table_reads_only_the_matching_rows_whatever_its_size()
    {
        // Three needles in the hay; measured after the first 1,000 entries and again after the rest.
        int[] needles = [123, 1_500, LargeTableSize - 7];
        static Dictionary<string, string> Product(int i, int[] needles) => new()
        {
            // Every tenth title sorts right beside the needles' index rows ("needle 00010" < "needle~"): a loose range would read them.
            ["product_name"] = needles.Contains(i) ? "Needle" : i % 10 == 0 ? $"Needle {i:D5}" : $"Hay {i:D5}",
        };
        var first = await BulkEntries.InsertAsync(fixture.Server, "PRODUCTS", 1_000, i => Product(i, needles));
        var small = await MeasuredSearchAsync(("Product Name", "needle"));
        Assert.Equal([BulkEntries.Id(first + needles[0])], small.Found.Select(r => r["id"]));

        await BulkEntries.InsertAsync(fixture.Server, "PRODUCTS", LargeTableSize - 1_000, i => Product(i + 1_000, needles));
        var large = await MeasuredSearchAsync(("Product Name", "needle"));

        Assert.Equal(needles.Select(n => BulkEntries.Id(first + n)), large.Found.Select(r => r["id"]));
        Assert.All(large.Found, r => Assert.Equal("Needle", r["product_name"]));
        Assert.True(large.RowsRead < 20, $"the search read {large.RowsRead} rows");
        Assert.True(large.Queries < 10, $"the search made {large.Queries} queries");
        Assert.Equal(small.RowsRead + 2 * 2, large.RowsRead); // one index row and one entry per further match

        // The seeded rows are the ones the API writes: an API edit of a seeded entry moves its index rows.
        await _api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), ("id", BulkEntries.Id(first + 5)), .. Api.Pairs(("Product Name", "Needle"))]);
        Assert.Equal(4, (await _api.Search("PRODUCTS", ("Product Name", "Needle"))).Count);
        Assert.Empty(await _api.Search("PRODUCTS", ("Product Name", "Hay 00005")));
    }

    private async Task<(List<Dictionary<string, string>> Found, long RowsRead, long Queries)> MeasuredSearchAsync(params (string Field, string Value)[] pairs)
    {
        using var counters = new StorageCounters(fixture.Server.Services);
        var found = await _api.Search("PRODUCTS", pairs);
        return (found, counters.RowsRead, counters.Queries);
    }

    [Fact]
    public async Task Getcontacts_streams_thousands_of_entries_in_id_order()
    {
        const int Count = 2_000;
        var first = await BulkEntries.InsertAsync(fixture.Server, "CONTACTS", Count, i => new Dictionary<string, string>
        {
            ["contact_name"] = $"Streamed {i:D4}",
            ["contact_email"] = i % 100 == 0 ? $"s{i}@x.example" : "",
        });

        using var response = await fixture.Server.Client.Http.GetAsync(
            $"/plugins/servlet/crm/api?command=getcontacts&apiKey={CrmTestServer.ApiKey}&userName={CrmTestServer.Admin}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked, "a list answer is sent in chunks as pages arrive");
        Assert.Null(response.Content.Headers.ContentLength);
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());

        var contacts = Api.Records(json.RootElement.GetProperty("contacts")).Where(c => c["name"].StartsWith("Streamed ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => BulkEntries.Id(first + i)), contacts.Select(c => c["id"]));
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"Streamed {i:D4}"), contacts.Select(c => c["contact_name"]));
        Assert.Equal("s100@x.example", contacts[100]["contact_email"]);
    }
}
