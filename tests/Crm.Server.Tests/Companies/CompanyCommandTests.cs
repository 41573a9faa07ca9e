using System.Net;
using Crm.TestSupport;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Companies;

/// <summary>The company commands of docs/api.md#companies over real HTTP, as GET and as form POST: what a successful call answers.</summary>
public sealed class CompanyCommandTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmClient _client = fixture.Server.Client;
    private readonly Api _api = new(fixture.Server.Client);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Addcompany_with_form_parameters_then_getcompanybyname_by_id_and_by_name(bool post)
    {
        var name = Unique("Globex");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"), ("clients-org_name", name), ("clients-org_www", "globex.example"),
            ("clients-org_type", "partner"), ("clients-org_industry", "Software"), ("clients-org_sla", "sla-3  premium")));

        var byId = await _api.Via(post).Company("getcompanybyname", ("companyId", id));
        var byName = await _api.Via(post).Company("getcompanybyname", ("companyName", "  " + name.ToUpperInvariant() + " "));

        Assert.Equal(byId, byName);
        Assert.Equal(id, byId["id"]);
        Assert.Equal(name, byId["org_name"]);
        Assert.Equal("globex.example", byId["org_www"]);
        // Dictionary values come back in the dictionary's spelling.
        Assert.Equal("Partner", byId["org_type"]);
        Assert.Equal("Software", byId["org_industry"]);
        Assert.Equal("SLA-3 Premium", byId["org_sla"]);
        Assert.Equal("", byId["org_contact"]);
        Assert.Equal("", byId["org_people"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seed_example_6_adds_a_company_with_industry_and_SLA_given_by_their_labels(bool post)
    {
        var name = Unique("testCompanyName");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"), ("clients-org_name", name), ("clients-org_www", "test.com"), ("tableName", "CLIENTS"),
            ("view-clients-org_industry", "Consulting"), ("view-clients-org_sla", "SLA-1 Free")));

        var company = await _api.Via(post).Company("getcompanybyname", ("companyName", name));
        Assert.Equal((id, name, "test.com", "Consulting", "SLA-1 Free"),
            (company["id"], company["org_name"], company["org_www"], company["org_industry"], company["org_sla"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Addcompany_with_crm_param_pairs_by_code_and_by_name(bool post)
    {
        var name = Unique("Initech");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"),
            ("crm_param_1", "Name"), ("crm_param_1_value", name),
            ("crm_param_2", "org_www"), ("crm_param_2_value", "initech.example"),
            ("crm_param_7", "  industry "), ("crm_param_7_value", "finance"),
            ("crm_param_3", "ORG_TYPE"), ("crm_param_3_value", "Vendor")));

        var company = await _api.Via(post).Company("getcompanybyname", ("companyId", id));
        Assert.Equal((name, "initech.example", "Finance", "Vendor"),
            (company["org_name"], company["org_www"], company["org_industry"], company["org_type"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Addcompany_takes_the_name_from_companyName_when_no_field_gives_it(bool post)
    {
        var name = Unique("Named");
        var id = await _api.Via(post).Id("addcompany", ("companyName", name));

        Assert.Equal(name, (await _api.Via(post).Company("getcompanybyname", ("companyId", id)))["org_name"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_plain_field_parameter_wins_over_its_view_label(bool post)
    {
        var name = Unique("Labelled");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"), ("clients-org_name", name),
            ("clients-org_industry", "Retail"), ("view-clients-org_industry", "Not a value at all")));

        Assert.Equal("Retail", (await _api.Via(post).Company("getcompanybyname", ("companyId", id)))["org_industry"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Getcompanies_lists_every_company_in_id_order_with_id_name_and_every_field(bool post)
    {
        var first = Unique("Alpha");
        var second = Unique("beta");
        var firstId = await _api.Via(post).Id("addcompany", ("clients-org_name", first), ("view-clients-org_sla", "SLA-1 Free"));
        var secondId = await _api.Via(post).Id("addcompany", ("clients-org_name", second));

        var companies = await _api.Via(post).Companies("GetCompanies");

        var listedFirst = Assert.Single(companies, c => c["id"] == firstId);
        Assert.Equal((first, first, "SLA-1 Free", ""), (listedFirst["name"], listedFirst["org_name"], listedFirst["org_sla"], listedFirst["org_www"]));
        Assert.Equal(second, Assert.Single(companies, c => c["id"] == secondId)["name"]);
        Assert.True(companies.FindIndex(c => c["id"] == firstId) < companies.FindIndex(c => c["id"] == secondId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Editcompany_by_id_changes_only_the_given_fields(bool post)
    {
        var name = Unique("Umbrella");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"), ("clients-org_name", name), ("clients-org_www", "old.example"), ("clients-org_type", "Customer")));

        Assert.Equal(id, Api.AssertId(await _client.CallAsync(post,
            ("command", "editcompany"), ("companyId", id), ("clients-org_www", "new.example"), ("view-clients-org_industry", "Healthcare"))));

        var company = await _api.Via(post).Company("getcompanybyname", ("companyId", id));
        Assert.Equal((name, "new.example", "Customer", "Healthcare"), (company["org_name"], company["org_www"], company["org_type"], company["org_industry"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Editcompany_by_name_with_a_crm_param_pair_and_clearing_a_field(bool post)
    {
        var name = Unique("Hooli");
        var id = Api.AssertId(await _client.CallAsync(post,
            ("command", "addcompany"), ("clients-org_name", name), ("clients-org_www", "hooli.example"), ("clients-org_type", "Prospect")));

        Assert.Equal(id, Api.AssertId(await _client.CallAsync(post,
            ("command", "editcompany"), ("companyName", name.ToLowerInvariant()),
            ("crm_param_1", "Type"), ("crm_param_1_value", "competitor"), ("clients-org_www", ""))));

        var company = await _api.Via(post).Company("getcompanybyname", ("companyName", name));
        Assert.Equal((name, "Competitor", ""), (company["org_name"], company["org_type"], company["org_www"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seed_example_19_renames_a_company_by_companyId_and_companyName_and_frees_the_old_name(bool post)
    {
        var oldName = Unique("Old Name");
        var newName = Unique("New Name");
        var id = await _api.Via(post).Id("addcompany", ("clients-org_name", oldName), ("clients-org_www", "kept.example"));

        Assert.Equal(id, (await _api.Via(post).Id("editcompany", ("companyId", id), ("companyName", newName))));

        var renamed = await _api.Via(post).Company("getcompanybyname", ("companyName", newName));
        Assert.Equal((id, newName, "kept.example"), (renamed["id"], renamed["org_name"], renamed["org_www"]));
        await _api.Via(post).Fails("not_found", "getcompanybyname", ("companyName", oldName));
        // The old name is free again, the new one is taken.
        var reuser = await _api.Via(post).Id("addcompany", ("clients-org_name", oldName));
        Assert.NotEqual(id, reuser);
        var duplicate = await _api.Via(post).Fails("duplicate", "addcompany", ("clients-org_name", newName.ToUpperInvariant()));
        Assert.Equal(id, duplicate["existingId"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deletecompany_by_id_and_by_name(bool post)
    {
        var byId = Unique("Doomed A");
        var byName = Unique("Doomed B");
        var idA = await _api.Via(post).Id("addcompany", ("clients-org_name", byId));
        var idB = await _api.Via(post).Id("addcompany", ("clients-org_name", byName));

        Assert.Equal(idA, (await _api.Via(post).Id("deletecompany", ("companyId", idA))));
        Assert.Equal(idB, (await _api.Via(post).Id("deletecompany", ("companyName", " " + byName.ToUpperInvariant()))));

        var companies = await _api.Via(post).Companies("getcompanies");
        Assert.DoesNotContain(companies, c => c["id"] == idA || c["id"] == idB);
        await _api.Via(post).Fails("not_found", "getcompanybyname", ("companyId", idA));
        await _api.Via(post).Fails("not_found", "deletecompany", ("companyName", byName));
        // A deleted name can be used again, under a new id.
        Assert.NotEqual(idB, (await _api.Via(post).Id("addcompany", ("clients-org_name", byName))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Names_with_characters_keys_forbid_are_stored_and_found(bool post)
    {
        var name = Unique("Smith & Sons / #1 ? 100% 'Quoted' \"Double\" ~ 😀");
        var id = await _api.Via(post).Id("addcompany", ("clients-org_name", name));

        var company = await _api.Via(post).Company("getcompanybyname", ("companyName", "  " + name.ToLowerInvariant().Replace(" ", "   ", StringComparison.Ordinal)));
        Assert.Equal((id, name), (company["id"], company["org_name"]));
        Assert.Equal(id, (await _api.Via(post).Fails("duplicate", "addcompany", ("clients-org_name", name.ToUpperInvariant())))["existingId"]);
    }

    [Fact]
    public async Task Credentials_may_come_in_headers_instead_of_parameters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?command=getcompanies");
        request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
        request.Headers.Add("X-Crm-User", CrmTestServer.Admin);

        Api.AssertCompanies(await _client.SendAsync(request));
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";
}
