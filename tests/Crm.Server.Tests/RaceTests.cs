using System.Net;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>Concurrent calls on one value or one entry: one winner, and the indexes agree with it.</summary>
public sealed class RaceTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Ten_creates_with_the_same_unique_value_give_one_entry()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _api.Call("updateOrCreateEntity",
            [("tableName", "CONTACTS"), ("id", ""), .. Api.Pairs(("Name", $"Racer {i}"), ("Jira login", i % 2 == 0 ? "racer" : " RACER "))])));

        var winner = Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.True(winner.Json.GetProperty("created").GetBoolean());
        Assert.All(responses.Where(r => !ReferenceEquals(r, winner)), r =>
        {
            Api.AssertError(r, "duplicate");
            Assert.Equal(winner["id"], r["existingId"]);
        });
        Assert.Equal([winner["id"]], (await _api.Search("CONTACTS", ("Jira login", "racer"))).Select(r => r["id"]));
        Assert.Single(await _api.Search("CONTACTS", ("Name", "Racer*")));
    }

    [Fact]
    public async Task Concurrent_setcontact_leaves_one_link_that_the_reverse_index_agrees_with()
    {
        var companies = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            companies.Add((await _api.Ok("addcompany", ("clients-org_name", $"Suitor {i}")))["id"]);
        }
        for (var round = 0; round < 3; round++)
        {
            var contact = (await _api.Ok("addcontact", ("clients-contact_name", $"Courted {round}"), ("clients-contact_company", companies[0])))["id"];
            var responses = await Task.WhenAll(companies.Select(company => _api.Call("setcontact", ("contactId", contact), ("companyId", company))));

            var succeeded = new HashSet<string>();
            for (var i = 0; i < responses.Length; i++)
            {
                if (responses[i].Status == HttpStatusCode.OK)
                {
                    Assert.Equal((contact, companies[i]), (responses[i]["id"], responses[i]["companyId"]));
                    succeeded.Add(companies[i]);
                }
                else
                {
                    Api.AssertError(responses[i], "conflict");
                }
            }
            var linked = await _api.Get("getcontactbyname", ("contactId", contact));
            var winner = Assert.Single(companies, c => $"Suitor {companies.IndexOf(c)}" == linked["contact_company"]);
            Assert.Contains(winner, succeeded);
            foreach (var company in companies)
            {
                var found = (await _api.Search("CONTACTS", ("Company", company))).Any(r => r["id"] == contact);
                var people = (await _api.Get("getcompanybyname", ("companyId", company)))["org_people"];
                Assert.Equal(company == winner, found);
                Assert.Equal(company == winner, people.Contains($"Courted {round}", StringComparison.Ordinal));
            }
        }
    }
}
