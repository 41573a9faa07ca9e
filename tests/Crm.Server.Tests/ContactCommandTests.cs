using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>The contact commands (docs/api.md#contacts) beyond the documented calls: every way to name a contact and its fields.</summary>
public sealed class ContactCommandTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private static readonly string[] ContactKeys =
        ["contact_name", "contact_company", "contact_email", "contact_position", "contact_login", "contact_phone", "contact_active"];

    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Addcontact_takes_form_fields_pairs_and_labels()
    {
        var id = (await _api.Ok("addcontact", ("contactName", "Form Person"), ("clients-contact_email", "form@x.example"),
            ("crm_param_7", "Phone"), ("crm_param_7_value", "+49 1"), ("crm_param_2", "contact_login"), ("crm_param_2_value", "form.person"),
            ("view-clients-contact_position", "developer")))["id"];
        var contact = await _api.Get("getcontactbyname", ("contactId", id));
        Assert.Equal(["success", "id", .. ContactKeys], (await _api.Ok("getcontactbyname", ("contactId", id))).Keys);
        Assert.Equal(("Form Person", "form@x.example", "+49 1", "form.person", "Developer", "true", ""),
            (contact["contact_name"], contact["contact_email"], contact["contact_phone"], contact["contact_login"], contact["contact_position"], contact["contact_active"], contact["contact_company"]));
    }

    [Fact]
    public async Task An_open_dictionary_learns_a_new_position()
    {
        var id = (await _api.Ok("addcontact", ("clients-contact_name", "Learner"), ("clients-contact_position", " Chief  Astronaut ")))["id"];
        Assert.Equal("Chief Astronaut", (await _api.Get("getcontactbyname", ("contactId", id)))["contact_position"]);
        var values = (await _api.Ok("getdictionary", ("dictionaryName", "Positions"))).Json.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal("Chief Astronaut", values[^1]);
        await _api.Ok("addcontact", ("clients-contact_name", "Learner 2"), ("clients-contact_position", "chief astronaut"));
        Assert.Equal(values.Count, (await _api.Ok("getdictionary", ("dictionaryName", "Positions"))).Json.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task Editcontact_by_a_unique_name_changes_only_the_given_fields_and_an_empty_value_clears()
    {
        var id = (await _api.Ok("addcontact", ("clients-contact_name", "Edit Me"), ("clients-contact_phone", "1"), ("clients-contact_email", "e@x.example")))["id"];
        Assert.Equal(id, (await _api.Ok("editcontact", ("contactName", " edit ME "), ("clients-contact_phone", "2"), ("clients-contact_email", "")))["id"]);
        var contact = await _api.Get("getcontactbyname", ("contactName", "Edit Me"));
        Assert.Equal(("2", "", "Edit Me"), (contact["contact_phone"], contact["contact_email"], contact["contact_name"]));
        Assert.Empty(await _api.Search("CONTACTS", ("E-mail", "e@x.example")));

        await _api.Ok("editcontact", ("contactId", id), ("contactName", "Edited"));
        Assert.Equal(id, (await _api.Get("getcontactbyname", ("contactName", "edited")))["id"]);
        await _api.Fails("not_found", "getcontactbyname", ("contactName", "Edit Me"));
    }

    [Fact]
    public async Task A_unique_value_can_change_its_case_and_spacing_and_stays_claimed()
    {
        var id = (await _api.Ok("addcontact", ("clients-contact_name", "Case Person"), ("clients-contact_login", "case.person")))["id"];
        await _api.Ok("editcontact", ("contactId", id), ("clients-contact_login", "Case.Person"));
        Assert.Equal("Case.Person", (await _api.Get("getcontactbyname", ("contactId", id)))["contact_login"]);
        var taken = await _api.Fails("duplicate", "addcontact", ("clients-contact_name", "Other"), ("clients-contact_login", "CASE.PERSON"));
        Assert.Equal(id, taken["existingId"]);

        var company = (await _api.Ok("addcompany", ("clients-org_name", "lower co")))["id"];
        await _api.Ok("editcompany", ("companyId", company), ("companyName", "Lower Co"));
        Assert.Equal(company, (await _api.Get("getcompanybyname", ("companyName", "LOWER CO")))["id"]);
        Assert.Equal(company, (await _api.Fails("duplicate", "addcompany", ("clients-org_name", "lower co")))["existingId"]);
    }

    [Fact]
    public async Task Deletecontact_by_name_removes_it_from_lists_searches_and_its_company()
    {
        var company = (await _api.Ok("addcompany", ("clients-org_name", "Lonely Co")))["id"];
        var id = (await _api.Ok("addcontact", ("clients-contact_name", "Leaving Soon"), ("clients-contact_company", company), ("clients-contact_login", "leaver")))["id"];
        Assert.Equal(id, (await _api.Ok("deletecontact", ("contactName", "leaving soon")))["id"]);

        await _api.Fails("not_found", "getcontactbyname", ("contactId", id));
        Assert.DoesNotContain(await _api.List("contacts", "getcontacts"), c => c["id"] == id);
        Assert.Empty(await _api.Search("CONTACTS", ("Company", company)));
        Assert.Equal("", (await _api.Get("getcompanybyname", ("companyId", company)))["org_people"]);
        // Its unique login is free again.
        await _api.Ok("addcontact", ("clients-contact_name", "Next Leaver"), ("clients-contact_login", "LEAVER"));
    }

    [Fact]
    public async Task Setcontact_by_names_or_ids_replaces_the_previous_company()
    {
        var first = (await _api.Ok("addcompany", ("clients-org_name", "First Employer")))["id"];
        var second = (await _api.Ok("addcompany", ("clients-org_name", "Second Employer")))["id"];
        var id = (await _api.Ok("addcontact", ("clients-contact_name", "Job Hopper"), ("clients-contact_email", "hop@x.example")))["id"];

        var linked = await _api.Ok("setcontact", ("contactName", "job hopper"), ("companyName", "FIRST employer"));
        Assert.Equal(["success", "id", "companyId"], linked.Keys);
        Assert.Equal((id, first), (linked["id"], linked["companyId"]));
        Assert.Equal("Job Hopper", (await _api.Get("getcompanybyname", ("companyId", first)))["org_people"]);

        await _api.Ok("setcontact", ("contactId", id), ("companyId", $"({second})"));
        var contact = await _api.Get("getcontactbyname", ("contactId", id));
        Assert.Equal(("Second Employer", "hop@x.example"), (contact["contact_company"], contact["contact_email"]));
        Assert.Equal("", (await _api.Get("getcompanybyname", ("companyId", first)))["org_people"]);
        Assert.Equal([id], (await _api.Search("CONTACTS", ("Company", second))).Select(r => r["id"]));
        Assert.Empty(await _api.Search("CONTACTS", ("Company", first)));
    }

    [Fact]
    public async Task Getcontacts_lists_every_contact_with_id_name_and_every_field()
    {
        await _api.Ok("addcontact", ("clients-contact_name", "Listed"));
        var contacts = await _api.List("contacts", "getcontacts");
        Assert.All(contacts, c => Assert.Equal(["id", "name", .. ContactKeys], c.Keys));
        var ids = contacts.Select(c => long.Parse(c["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Contains(contacts, c => c["name"] == "Listed");
    }
}
