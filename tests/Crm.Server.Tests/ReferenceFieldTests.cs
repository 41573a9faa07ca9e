using Crm.Server.Tests.Support;
using Crm.Storage.Entries;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests;

/// <summary>Reference fields (docs/api.md#references-and-dictionary-values): written as (id), bare id or title; rendered as the target's title; unlinked on delete.</summary>
public sealed class ReferenceFieldTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Is_written_as_id_in_parentheses_bare_id_or_title_and_read_as_title()
    {
        var company = (await _api.Ok("addcompany", ("clients-org_name", "Ref Target")))["id"];
        var forms = new[] { $"({company})", company, "ref target", "  REF   Target " };
        for (var i = 0; i < forms.Length; i++)
        {
            var contact = (await _api.Ok("addcontact", ("clients-contact_name", $"Ref Person {i}"), ("clients-contact_company", forms[i])))["id"];
            Assert.Equal("Ref Target", (await _api.Get("getcontactbyname", ("contactId", contact)))["contact_company"]);
        }
        var target = await _api.Get("getcompanybyname", ("companyId", company));
        Assert.Equal("Ref Person 0, Ref Person 1, Ref Person 2, Ref Person 3", target["org_people"]);
        Assert.Equal(4, (await _api.Search("CONTACTS", ("Company", company))).Count);
        Assert.Single(await _api.List("companies", "getcompanies"), c => c["name"] == "Ref Target");
    }

    [Fact]
    public async Task The_plain_value_wins_over_its_view_label_and_a_label_alone_is_resolved()
    {
        var company = (await _api.Ok("addcompany", ("clients-org_name", "Plain Co")))["id"];
        var before = (await _api.List("companies", "getcompanies")).Count;
        var plain = (await _api.Ok("addcontact", ("clients-contact_name", "Plain"), ("clients-contact_company", company), ("view-clients-contact_company", "Label Only Co")))["id"];
        Assert.Equal("Plain Co", (await _api.Get("getcontactbyname", ("contactId", plain)))["contact_company"]);
        Assert.Equal(before, (await _api.List("companies", "getcompanies")).Count);

        var labelled = (await _api.Ok("addcontact", ("clients-contact_name", "Labelled"), ("view-clients-contact_company", "plain co")))["id"];
        Assert.Equal("Plain Co", (await _api.Get("getcontactbyname", ("contactId", labelled)))["contact_company"]);
    }

    [Fact]
    public async Task A_new_title_creates_the_target_once()
    {
        var before = (await _api.List("companies", "getcompanies")).Count;
        var first = (await _api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Description", "Deal 1"), ("Company", "Fresh Corp"))]))["id"];
        var second = (await _api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Description", "Deal 2"), ("Company", " FRESH corp "))]))["id"];

        var companies = await _api.List("companies", "getcompanies");
        Assert.Equal(before + 1, companies.Count);
        var fresh = Assert.Single(companies, c => c["name"] == "Fresh Corp");
        var deals = await _api.Search("TRANSACTIONS", ("Company", fresh["id"]));
        Assert.Equal([first, second], deals.Select(d => d["id"]));
        Assert.All(deals, d => Assert.Equal("Fresh Corp", d["trans_company"]));
    }

    [Fact]
    public async Task A_bare_number_that_is_neither_an_id_nor_a_title_is_not_found_and_creates_nothing()
    {
        var before = (await _api.List("companies", "getcompanies")).Count;
        var refused = await _api.Fails("not_found", "addcontact", ("clients-contact_name", "Typo Person"), ("clients-contact_company", "99999"));
        Assert.Contains("99999", refused.Json.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await _api.List("companies", "getcompanies")).Count);
        Assert.Empty(await _api.Search("CONTACTS", ("Name", "Typo Person")));
    }

    [Fact]
    public async Task A_new_title_is_not_found_for_a_user_who_may_not_add_to_the_target_table()
    {
        await _api.Ok("setuser", ("login", "clerk"));
        await _api.Ok("grant", ("login", "clerk"), ("right", "CONTACTS.add"));
        await _api.Ok("grant", ("login", "clerk"), ("right", "crm.view"));
        var existing = (await _api.Ok("addcompany", ("clients-org_name", "Known Co")))["id"];
        var before = await StoreSnapshot.TakeAsync(fixture.Server);

        var refused = await AsClerk("addcontact", ("clients-contact_name", "Clerk's contact"), ("clients-contact_company", "Unknown Co"));
        Api.AssertError(refused, "not_found");
        Assert.Contains("CLIENTS.add", Api.Details(refused), StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));

        var linked = await AsClerk("addcontact", ("clients-contact_name", "Clerk's contact"), ("clients-contact_company", "known co"));
        Assert.True(linked.Success, linked.ToString());
        Assert.Equal("Known Co", (await _api.Get("getcontactbyname", ("contactId", linked["id"])))["contact_company"]);
        Assert.Equal(linked["id"], Assert.Single(await _api.Search("CONTACTS", ("Company", existing)))["id"]);
    }

    private Task<CrmResponse> AsClerk(string command, params (string Name, string Value)[] parameters) =>
        fixture.Server.Client.SendAsync(HttpMethod.Get, [("apiKey", CrmTestServer.ApiKey), ("userName", "clerk"), ("command", command), .. parameters], withCredentials: false);

    [Fact]
    public async Task A_title_naming_several_entries_is_refused_but_the_id_works()
    {
        var one = (await _api.Ok("addcontact", ("clients-contact_name", "Twin Person")))["id"];
        await _api.Ok("addcontact", ("clients-contact_name", "twin  person"));
        var refused = await _api.Fails("bad_request", "addcompany", ("clients-org_name", "Twin Co"), ("clients-org_contact", "Twin Person"));
        Assert.Contains("2 entries", Api.Details(refused), StringComparison.Ordinal);
        await _api.Fails("not_found", "getcompanybyname", ("companyName", "Twin Co"));

        var company = (await _api.Ok("addcompany", ("clients-org_name", "Twin Co"), ("clients-org_contact", $"({one})")))["id"];
        Assert.Equal("Twin Person", (await _api.Get("getcompanybyname", ("companyId", company)))["org_contact"]);
    }

    [Fact]
    public async Task Deleting_a_company_unlinks_its_contacts_and_transactions()
    {
        var doomed = (await _api.Ok("addcompany", ("clients-org_name", "Doomed Inc")))["id"];
        var kept = (await _api.Ok("addcompany", ("clients-org_name", "Kept Inc")))["id"];
        var d1 = (await _api.Ok("addcontact", ("clients-contact_name", "Doomed One"), ("clients-contact_company", doomed), ("clients-contact_email", "one@doomed.example")))["id"];
        var d2 = (await _api.Ok("addcontact", ("clients-contact_name", "Doomed Two"), ("clients-contact_company", "Doomed Inc")))["id"];
        var k1 = (await _api.Ok("addcontact", ("clients-contact_name", "Kept One"), ("clients-contact_company", kept)))["id"];
        var deal = (await _api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Description", "Doomed deal"), ("Company", doomed))]))["id"];
        Assert.Equal("Doomed One, Doomed Two", (await _api.Get("getcompanybyname", ("companyId", doomed)))["org_people"]);

        Assert.Equal(doomed, (await _api.Ok("deletecompany", ("companyName", "doomed inc")))["id"]);

        await _api.Fails("not_found", "getcompanybyname", ("companyId", doomed));
        var one = await _api.Get("getcontactbyname", ("contactId", d1));
        Assert.Equal(("", "one@doomed.example"), (one["contact_company"], one["contact_email"]));
        Assert.Equal("", (await _api.Get("getcontactbyname", ("contactId", d2)))["contact_company"]);
        Assert.Equal("Kept Inc", (await _api.Get("getcontactbyname", ("contactId", k1)))["contact_company"]);
        Assert.Equal("", Assert.Single(await _api.Search("TRANSACTIONS", ("Description", "Doomed deal")))["trans_company"]);
        Assert.Empty(await _api.Search("CONTACTS", ("Company", doomed)));
        Assert.Empty(await _api.Search("TRANSACTIONS", ("Company", doomed)));
        Assert.Equal(deal, Assert.Single(await _api.Search("TRANSACTIONS", ("Description", "doomed DEAL")))["id"]);
    }

    [Fact]
    public async Task Deleting_a_contact_clears_the_main_contact_of_its_company()
    {
        var contact = (await _api.Ok("addcontact", ("clients-contact_name", "Main Person")))["id"];
        var company = (await _api.Ok("addcompany", ("companyName", "Main Co"), ("clients-org_name", " main  co "), ("clients-org_contact", $"({contact})")))["id"];
        Assert.Equal("Main Person", (await _api.Get("getcompanybyname", ("companyId", company)))["org_contact"]);

        await _api.Ok("deletecontact", ("contactId", contact));

        Assert.Equal("", (await _api.Get("getcompanybyname", ("companyId", company)))["org_contact"]);
        Assert.Empty(await _api.Search("CLIENTS", ("Main contact", contact)));
    }

    [Fact]
    public async Task A_reference_to_an_entry_that_is_gone_renders_empty()
    {
        var ghost = (await _api.Ok("addcompany", ("clients-org_name", "Ghost Ltd")))["id"];
        var contact = (await _api.Ok("addcontact", ("clients-contact_name", "Haunted"), ("clients-contact_company", ghost)))["id"];
        // Gone without the unlink step, as after a crash between the two: the reference dangles.
        await fixture.Server.Services.GetRequiredService<EntryStore>().DeleteAsync("CLIENTS", long.Parse(ghost, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Equal("", (await _api.Get("getcontactbyname", ("contactId", contact)))["contact_company"]);
        Assert.Equal("", Assert.Single(await _api.List("contacts", "getcontacts"), c => c["id"] == contact)["contact_company"]);
        Assert.Empty(await _api.Search("CONTACTS", ("Company", "Ghost Ltd")));
    }

    [Fact]
    public async Task Org_people_follows_moves_and_renames()
    {
        var a = (await _api.Ok("addcompany", ("clients-org_name", "People A")))["id"];
        var b = (await _api.Ok("addcompany", ("clients-org_name", "People B")))["id"];
        var p1 = (await _api.Ok("addcontact", ("clients-contact_name", "Mover"), ("clients-contact_company", a)))["id"];
        await _api.Ok("addcontact", ("clients-contact_name", "Stayer"), ("clients-contact_company", a));

        await _api.Ok("setcontact", ("contactId", p1), ("companyName", "people b"));
        await _api.Ok("editcontact", ("contactId", p1), ("contactName", "Mover Renamed"));

        Assert.Equal("Stayer", (await _api.Get("getcompanybyname", ("companyId", a)))["org_people"]);
        Assert.Equal("Mover Renamed", (await _api.Get("getcompanybyname", ("companyId", b)))["org_people"]);
        var listed = await _api.List("companies", "getcompanies");
        Assert.Equal("Mover Renamed", Assert.Single(listed, c => c["id"] == b)["org_people"]);
    }
}
