using System.Net;
using Crm.TestSupport;

namespace Crm.Server.Tests;

public sealed class SmokeTests : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmClient _client;

    public SmokeTests(CrmTestServerFixture fixture) => _client = fixture.Server.Client;

    [Fact]
    public async Task Add_then_get_company()
    {
        var added = await _client.GetAsync(("command", "addcompany"), ("clients-org_name", "Smoke Co"), ("view-clients-org_industry", "Consulting"));
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var got = await _client.GetAsync(("command", "getcompanybyname"), ("companyId", added["id"]));
        Assert.Equal("Smoke Co", got["org_name"]);
        Assert.Equal("Consulting", got["org_industry"]);
    }
}
