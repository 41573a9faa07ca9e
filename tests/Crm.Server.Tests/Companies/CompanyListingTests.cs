using Azure.Data.Tables;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Companies;

public sealed class CompanyListingTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    [Fact]
    public async Task Getcompanies_streams_a_list_longer_than_one_storage_page_completely()
    {
        const int count = 1_020;
        var server = fixture.Server;
        await new Api(server.Client).Id("addcompany", ("clients-org_name", "Company 1"));
        // The rest written raw in transactions of 100 (entry rows as the engine writes them, without claims), to keep the test quick.
        var table = await server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync("CLIENTS", CancellationToken.None);
        var entities = server.Services.GetRequiredService<CrmTableSet>().Entities;
        await Parallel.ForEachAsync(Enumerable.Range(2, count - 1).Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
            await entities.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(table.Name, RowKeys.Entry(i))
                {
                    [table.Title.Property] = $"Company {i}",
                    [table.FindByCode("org_www")!.Property] = $"www{i}.example",
                    [RowProperties.Rows] = "",
                })), ct));

        var companies = await new Api(server.Client).Companies("getcompanies");

        Assert.Equal(count, companies.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), companies.Select(c => c["id"]));
        Assert.Equal(count, companies.Select(c => c["name"]).Distinct().Count());
        Assert.All(companies.Skip(1), c => Assert.Equal(c["name"].Replace("Company ", "www", StringComparison.Ordinal) + ".example", c["org_www"]));
    }

    [Fact]
    public async Task Getcompanies_fills_org_people_of_a_whole_page_with_one_reverse_index_query()
    {
        await using var server = new CrmTestServer();
        const int companies = 120;
        for (var i = 1; i <= companies; i++)
        {
            await new Api(server.Client).Id("addcompany", ("clients-org_name", $"Firm {i}"));
        }
        await Parallel.ForEachAsync(Enumerable.Range(1, companies), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            await new Api(server.Client).Id("addcontact", ("clients-contact_name", $"Person {i}a"), ("clients-contact_company", $"({i})"));
            await new Api(server.Client).Id("addcontact", ("clients-contact_name", $"Person {i}b"), ("clients-contact_company", $"({i})"));
        });
        using var counters = new StorageCounters(server.Services);
        var listed = await new Api(server.Client).Companies("getcompanies");
        var queries = counters.Queries;

        Assert.Equal(companies, listed.Count);
        Assert.All(listed, c => Assert.Equal($"Person {c["id"]}a, Person {c["id"]}b", c["org_people"]));
        // One page of entries, one range over the contacts' company index (per storage page), the schema: never one query per company.
        Assert.True(queries < 10, $"getcompanies of {companies} companies made {queries} storage queries");
    }
}
