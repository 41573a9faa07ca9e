using System.Net;
using Crm.TestSupport;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Companies;

public sealed class ConcurrentAddCompanyTests
{
    [Fact]
    public async Task Ten_concurrent_addcompany_calls_with_one_name_in_different_spellings_let_exactly_one_win()
    {
        await using var server = new CrmTestServer();
        string[] spellings = ["ACME", " Acme ", "acme", "AcMe", "  aCME", "acme  ", "Acme\t", "ACME ", " acme", "Acme"];

        var answers = await Task.WhenAll(spellings.Select((name, i) =>
            server.Client.CallAsync(post: i % 2 == 0, ("command", "addcompany"), ("clients-org_name", name))));

        var winner = Api.AssertId(Assert.Single(answers, a => a.Status == HttpStatusCode.OK));
        var losers = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(9, losers.Count);
        Assert.All(losers, loser => Assert.Equal(winner, Api.AssertError(loser, "duplicate")["existingId"]));
        var company = Assert.Single(await new Api(server.Client).Companies("getcompanies"));
        Assert.Equal(winner, company["id"]);
    }

    [Fact]
    public async Task Two_instances_over_the_same_tables_let_exactly_one_of_ten_spellings_win()
    {
        // Two servers on one set of tables: they also seed the schema at the same moment.
        var prefix = Azurite.NewTablePrefix();
        await using var first = new CrmTestServer(new Dictionary<string, string?> { ["Crm:Storage:TablePrefix"] = prefix });
        await using var second = new CrmTestServer(new Dictionary<string, string?> { ["Crm:Storage:TablePrefix"] = prefix });
        CrmClient[] clients = [first.Client, second.Client];
        string[] spellings = ["Acme  Corp", "acme corp", "ACME CORP", " Acme Corp ", "acme\tcorp", "Acme Corp", "aCmE   cOrP", "acme corp ", "ACME  corp", "Acme  CORP"];

        var answers = await Task.WhenAll(spellings.Select((name, i) =>
            clients[i % 2].CallAsync(post: i % 3 == 0, ("command", "addcompany"), ("clients-org_name", name), ("clients-org_www", $"site{i}.example"))));

        var winner = Api.AssertId(Assert.Single(answers, a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK),
            loser => Assert.Equal(winner, Api.AssertError(loser, "duplicate")["existingId"]));
        foreach (var client in clients)
        {
            var company = Assert.Single(await new Api(client).Companies("getcompanies"));
            Assert.Equal(winner, company["id"]);
        }
        // Both instances see one schema (no doubled fields) and the default dictionaries once.
        var flat = await new Api(second.Client).Company("getcompanybyname", ("companyName", "ACME CORP"));
        Assert.Equal(winner, flat["id"]);
        await new Api(first.Client).Id("editcompany", ("companyId", winner), ("view-clients-org_industry", "Consulting"));
        Assert.Equal("Consulting", (await new Api(second.Client).Company("getcompanybyname", ("companyId", winner)))["org_industry"]);
    }
}
