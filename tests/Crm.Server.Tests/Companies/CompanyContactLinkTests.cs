using System.Globalization;
using System.Net;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Companies;

/// <summary>Companies and the contacts that reference them: org_people, org_contact, and unlinking on delete.</summary>
public sealed class CompanyContactLinkTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmClient _client = fixture.Server.Client;
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Org_people_lists_the_contacts_of_a_company_and_deleting_the_company_unlinks_them()
    {
        var company = Unique("Teamlead");
        var other = Unique("Other Co");
        var companyId = await _api.Id("addcompany", ("clients-org_name", company));
        var otherId = await _api.Id("addcompany", ("clients-org_name", other));
        var ann = await _api.Id("addcontact", ("clients-contact_name", "Ann"), ("clients-contact_company", company.ToUpperInvariant()));
        var bob = await _api.Via(true).Id("addcontact", ("clients-contact_name", "Bob"), ("clients-contact_company", $"({companyId})"));
        var cid = await _api.Id("addcontact", ("clients-contact_name", "Cid"), ("clients-contact_company", other));

        Assert.Equal("Ann, Bob", (await _api.Company("getcompanybyname", ("companyId", companyId)))["org_people"]);
        var listed = await _api.Companies("getcompanies");
        Assert.Equal("Ann, Bob", listed.Single(c => c["id"] == companyId)["org_people"]);
        Assert.Equal("Cid", listed.Single(c => c["id"] == otherId)["org_people"]);
        Assert.Equal(company, (await _client.GetAsync(("command", "getcontactbyname"), ("contactId", ann)))["contact_company"]);

        await _api.Id("deletecompany", ("companyName", company));

        foreach (var contact in new[] { ann, bob })
        {
            var unlinked = await _client.GetAsync(("command", "getcontactbyname"), ("contactId", contact));
            Assert.True(unlinked.Success, unlinked.ToString());
            Assert.Equal("", unlinked["contact_company"]);
        }
        Assert.Equal("Ann", (await _client.GetAsync(("command", "getcontactbyname"), ("contactId", ann)))["contact_name"]);
        // A dangling reference would also render as "": the stored link and its index row must be gone.
        var contacts = await fixture.Server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync("CONTACTS", CancellationToken.None);
        var companyProperty = contacts.FindByCode("contact_company")!.Property;
        var store = fixture.Server.Services.GetRequiredService<EntryStore>();
        foreach (var contact in new[] { ann, bob })
        {
            Assert.Equal("", (await store.GetAsync(contacts.Name, long.Parse(contact, CultureInfo.InvariantCulture), CancellationToken.None))!.Get(companyProperty));
        }
        await foreach (var hit in store.FindAsync(contacts.Name, companyProperty, Crm.Core.Entries.ReferenceKeys.Of(companyId), prefix: false, CancellationToken.None))
        {
            Assert.Fail($"contact {hit.Id} is still indexed under the deleted company {companyId}");
        }
        Assert.Equal(other, (await _client.GetAsync(("command", "getcontactbyname"), ("contactId", cid)))["contact_company"]);
        Assert.Equal("Cid", (await _api.Company("getcompanybyname", ("companyId", otherId)))["org_people"]);

        // A new company of the same name is a different entry: the old contacts do not come back to it.
        var reborn = await _api.Id("addcompany", ("clients-org_name", company));
        Assert.NotEqual(companyId, reborn);
        Assert.Equal("", (await _api.Company("getcompanybyname", ("companyId", reborn)))["org_people"]);
    }

    [Fact]
    public async Task A_renamed_company_shows_its_new_name_on_its_contacts_and_a_renamed_contact_on_its_company()
    {
        var company = Unique("Before");
        var companyId = await _api.Id("addcompany", ("clients-org_name", company));
        var dora = await _api.Id("addcontact", ("clients-contact_name", "Dora"), ("clients-contact_company", company));

        var renamed = Unique("After");
        await _api.Id("editcompany", ("companyId", companyId), ("companyName", renamed));
        await _api.Id("editcontact", ("contactId", dora), ("clients-contact_name", "Dora Explorer"));

        Assert.Equal(renamed, (await _client.GetAsync(("command", "getcontactbyname"), ("contactId", dora)))["contact_company"]);
        Assert.Equal("Dora Explorer", (await _api.Company("getcompanybyname", ("companyName", renamed)))["org_people"]);
    }

    [Fact]
    public async Task A_main_contact_is_rendered_by_name_created_when_new_and_unlinked_when_deleted()
    {
        var person = Unique("Eve");
        var companyId = await _api.Via(true).Id("addcompany", ("clients-org_name", Unique("Main")), ("view-clients-org_contact", person));

        var company = await _api.Company("getcompanybyname", ("companyId", companyId));
        Assert.Equal(person, company["org_contact"]);
        // Eve was created, without a company of her own: she is not one of its people.
        Assert.Equal("", company["org_people"]);
        var eve = await _client.GetAsync(("command", "getcontactbyname"), ("contactName", person));
        Assert.True(eve.Success, eve.ToString());

        await _api.Id("deletecontact", ("contactId", eve["id"]));

        Assert.Equal("", (await _api.Company("getcompanybyname", ("companyId", companyId)))["org_contact"]);
        var companies = await fixture.Server.Services.GetRequiredService<SchemaCatalog>().GetTableAsync("CLIENTS", CancellationToken.None);
        var stored = await fixture.Server.Services.GetRequiredService<EntryStore>().GetAsync(companies.Name, long.Parse(companyId, CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal("", stored!.Get(companies.FindByCode("org_contact")!.Property));
        await _api.Fails("not_found", "getcontactbyname", ("contactName", person));
    }

    [Fact]
    public async Task Contacts_added_at_once_naming_one_new_company_create_it_once_and_all_link_to_it()
    {
        var company = Unique("Newco");
        string[] spellings = [company, company.ToUpperInvariant(), " " + company.ToLowerInvariant(), company + "  ", company.Replace(" ", "   ", StringComparison.Ordinal), company, company.ToLowerInvariant(), company];

        var contacts = await Task.WhenAll(spellings.Select((name, i) =>
            _client.CallAsync(post: i % 2 == 1, ("command", "addcontact"), ("clients-contact_name", $"Person {i}"), ("clients-contact_company", name))));

        Assert.All(contacts, c => Api.AssertId(c));
        var companies = await _api.Companies("getcompanies");
        var created = Assert.Single(companies, c => string.Equals(c["name"], company, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(string.Join(", ", spellings.Select((_, i) => $"Person {i}").Order(StringComparer.Ordinal)),
            string.Join(", ", created["org_people"].Split(", ").Order(StringComparer.Ordinal)));
        foreach (var contact in contacts)
        {
            Assert.Equal(created["name"], (await _client.GetAsync(("command", "getcontactbyname"), ("contactId", contact["id"])))["contact_company"]);
        }
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";
}
