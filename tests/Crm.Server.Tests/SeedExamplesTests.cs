using Crm.Server.Tests.Support;
using System.Net;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// The original product's documented calls (docs/api.md#the-documented-calls-of-the-original-product), in order, against a fresh
/// store over real HTTP — once as GET, once as form POST.
/// </summary>
public sealed class SeedExamplesTests
{
    private const string MultiField = "clients_field_d1facd51-01e0-4a68-a4f3-4aa3641a590e";
    private const string TextField = "clients_field_d8927b73-09ba-4094-b281-af6738e4432d";

    private static readonly string[] CompanyFields =
        ["org_name", "org_type", "org_industry", "org_www", "org_sla", "org_contact", "org_people", MultiField, TextField];

    private static readonly string[] ContactFields =
        ["contact_name", "contact_company", "contact_email", "contact_position", "contact_login", "contact_phone", "contact_active"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_documented_call_works_in_order(bool post)
    {
        await using var server = new CrmTestServer();
        var crm = new Caller(server.Client, post);
        await PrepareAsync(crm);

        // 1. Create a product with crm_param pairs (id empty = create), then update it by id.
        var created = await crm.Ok("updateOrCreateEntity", ("tableName", "PRODUCTS"), ("crm_param_1", "Product Name"), ("crm_param_1_value", "Test"),
            ("id", ""), ("crm_param_2", "Price"), ("crm_param_2_value", "10"), ("crm_param_3", "Vendor"), ("crm_param_3_value", "Atlassian"),
            ("crm_param_4", "area"), ("crm_param_4_value", "area"));
        Assert.Equal(["success", "id", "created"], created.Keys);
        Assert.True(created.Json.GetProperty("created").GetBoolean());
        var productId = created["id"];
        var updated = await crm.Ok("updateOrCreateEntity", ("tableName", "PRODUCTS"), ("id", productId), ("crm_param_2", "Price"), ("crm_param_2_value", "12.5"));
        Assert.Equal(productId, updated["id"]);
        Assert.False(updated.Json.GetProperty("created").GetBoolean());
        var product = Single((await crm.Ok("searchEntities", ("tableName", "PRODUCTS"), ("crm_param_1", "Product Name"), ("crm_param_1_value", "test"))).Json.GetProperty("records"));
        Assert.Equal(("Test", "12.5", "Atlassian", "area"), (product["product_name"], product["product_price"], product["product_vendor"], product["product_area"]));

        // 2. Synchronization is queued and answered at once; without a configured directory the run is skipped, not an error.
        var sync = await crm.Ok("sync");
        Assert.Equal("queued", sync["status"]);
        Assert.Equal("completed", (await SyncRuns.WaitForEndAsync(server, sync["runId"]))["status"]);

        // 3. Link by names.
        var linked = await crm.Ok("setcontact", ("companyName", "Adobe"), ("contactName", "Ted Johnson"));
        Assert.Equal(["success", "id", "companyId"], linked.Keys);
        Assert.Equal("Adobe", (await crm.Ok("getcontactbyname", ("contactName", "Ted Johnson")))["contact_company"]);

        // 4. Link by ids.
        var byIds = await crm.Ok("setcontact", ("companyId", "15"), ("contactId", "6"));
        Assert.Equal(("6", "15"), (byIds["id"], byIds["companyId"]));
        Assert.Equal("Company 15", (await crm.Ok("getcontactbyname", ("contactId", "6")))["contact_company"]);

        // 5. A contact naming a company that does not exist creates it.
        var newContact = await crm.Ok("addcontact", ("clients-contact_name", "new contact"), ("clients-contact_company", "newCompany"),
            ("view-clients-contact_company", "newCompany"), ("clients-contact_email", "new@new.com"));
        Assert.Equal(["success", "id"], newContact.Keys);
        var newCompany = await crm.Ok("getcompanybyname", ("companyName", "newCompany"));
        Assert.Equal("new contact", newCompany["org_people"]);
        var contact5 = await crm.Ok("getcontactbyname", ("contactId", newContact["id"]));
        Assert.Equal(("newCompany", "new@new.com", "true"), (contact5["contact_company"], contact5["contact_email"], contact5["contact_active"]));

        // 6. A company with dictionary values given by their display labels.
        var company6 = await crm.Ok("addcompany", ("clients-org_name", "testCompanyName"), ("clients-org_www", "test.com"), ("tableName", "CLIENTS"),
            ("view-clients-org_industry", "Consulting"), ("view-clients-org_sla", "SLA-1 Free"));
        var got6 = await crm.Ok("getcompanybyname", ("companyId", company6["id"]));
        Assert.Equal(("testCompanyName", "test.com", "Consulting", "SLA-1 Free"), (got6["org_name"], got6["org_www"], got6["org_industry"], got6["org_sla"]));

        // 7. All companies, in id order, each with id, name and every field code.
        var companies = (await crm.Ok("getcompanies")).Json.GetProperty("companies").EnumerateArray().ToList();
        Assert.Equal(17, companies.Count);
        Assert.All(companies, c => Assert.Equal(["id", "name", .. CompanyFields], c.EnumerateObject().Select(p => p.Name)));
        Assert.All(companies, c => Assert.All(c.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind)));
        Assert.Equal(companies.Select(c => long.Parse(c.GetProperty("id").GetString()!)).Order(), companies.Select(c => long.Parse(c.GetProperty("id").GetString()!)));
        Assert.Equal("Teamlead", companies[1].GetProperty("name").GetString());

        // 8. All contacts.
        var contacts = (await crm.Ok("getcontacts")).Json.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(7, contacts.Count);
        Assert.All(contacts, c => Assert.Equal(["id", "name", .. ContactFields], c.EnumerateObject().Select(p => p.Name)));

        // 9. Company 2, flat.
        var company2 = await crm.Ok("getcompanybyname", ("companyId", "2"));
        Assert.Equal(["success", "id", .. CompanyFields], company2.Keys);
        Assert.Equal(("2", "Teamlead"), (company2["id"], company2["org_name"]));
        Assert.Equal("Vladimir Putin, Anna Lee", company2["org_people"]);

        // 10. Company by name (case and spacing do not matter).
        Assert.Equal("2", (await crm.Ok("getcompanybyname", ("companyName", "Teamlead")))["id"]);
        Assert.Equal("2", (await crm.Ok("getcompanybyname", ("companyName", "  TEAMLEAD ")))["id"]);

        // 11. Contact 2.
        var contact2 = await crm.Ok("getcontactbyname", ("contactId", "2"));
        Assert.Equal(["success", "id", .. ContactFields], contact2.Keys);
        Assert.Equal("Vladimir Putin", contact2["contact_name"]);

        // 12. Contact by name.
        Assert.Equal("2", (await crm.Ok("getcontactbyname", ("contactName", "Vladimir Putin")))["id"]);

        // 13. Add "Green" to the custom dictionary "Colors" (created on first use).
        var added = await crm.Ok("adddictionaryvalue", ("dictionaryName", "Colors"), ("newvalue", "Green"));
        Assert.Equal(["success"], added.Keys);
        Assert.Equal(["Green"], Strings((await crm.Ok("getdictionary", ("dictionaryName", "Colors"))).Json.GetProperty("values")));

        // 14. Remove it again.
        await crm.Ok("removedictionaryvalue", ("dictionaryName", "Colors"), ("valuetoremove", "Green"));
        Assert.Empty(Strings((await crm.Ok("getdictionary", ("dictionaryName", "Colors"))).Json.GetProperty("values")));

        // 15. All contacts of company "Teamlead".
        var team = (await crm.Ok("searchEntities", ("crm_param_1", "Company"), ("crm_param_1_value", "Teamlead"), ("tableName", "CONTACTS"))).Json.GetProperty("records");
        Assert.Equal(["Vladimir Putin", "Anna Lee"], team.EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        // 16. Edit a contact (position given as value and label; login).
        await crm.Ok("editcontact", ("contactId", "2"), ("view-clients-contact_position", "Manager"), ("clients-contact_position", "Manager"),
            ("clients-contact_email", "vp@example.com"), ("clients-contact_login", "admin"));
        var edited = await crm.Ok("getcontactbyname", ("contactId", "2"));
        Assert.Equal(("Manager", "vp@example.com", "admin", "Teamlead"), (edited["contact_position"], edited["contact_email"], edited["contact_login"], edited["contact_company"]));

        // 17. A multi-value custom field.
        await crm.Ok("editcompany", ("companyId", "2"), ($"view-clients-{MultiField}", "Development, Training"), ($"clients-{MultiField}", "Development,Training"));
        Assert.Equal("Development,Training", (await crm.Ok("getcompanybyname", ("companyId", "2")))[MultiField]);

        // 18. A text custom field.
        await crm.Ok("editcompany", ("companyId", "2"), ($"clients-{TextField}", "testest"));
        Assert.Equal("testest", (await crm.Ok("getcompanybyname", ("companyId", "2")))[TextField]);

        // 19. Rename.
        var renamed = await crm.Ok("editcompany", ("companyId", "2"), ("companyName", "Teamlead GmbH"));
        Assert.Equal("2", renamed["id"]);
        Assert.Equal("Teamlead GmbH", (await crm.Ok("getcompanybyname", ("companyId", "2")))["org_name"]);
        Assert.Equal("Teamlead GmbH", (await crm.Ok("getcontactbyname", ("contactId", "2")))["contact_company"]);
        Assert.Equal(HttpStatusCode.NotFound, (await crm.Call("getcompanybyname", ("companyName", "Teamlead"))).Status);

        // 20. Transactions of a Jira issue.
        var transactions = (await crm.Ok("transactionslist", ("saleVal", "CRM-7"))).Json.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(2, transactions.Count);
        Assert.All(transactions, t => Assert.Equal("CRM-7", t.GetProperty("trans_issue").GetString(), ignoreCase: true));
        Assert.Equal("Teamlead GmbH", transactions[0].GetProperty("trans_company").GetString());
    }

    /// <summary>The fresh installation plus what the examples assume exists: the two custom fields, companies up to id 15, contacts up to id 6, transactions.</summary>
    private static async Task PrepareAsync(Caller crm)
    {
        await crm.Ok("addfield", ("tableName", "CLIENTS"), ("fieldName", "Services"), ("type", "multi"), ("code", MultiField), ("dictionaryName", "Services"));
        foreach (var service in new[] { "Development", "Training", "Consulting" })
        {
            await crm.Ok("adddictionaryvalue", ("dictionaryName", "Services"), ("newvalue", service));
        }
        await crm.Ok("addfield", ("tableName", "CLIENTS"), ("fieldName", "Notes"), ("type", "text"), ("code", TextField));

        Assert.Equal("1", (await crm.Ok("addcompany", ("clients-org_name", "Adobe")))["id"]);
        Assert.Equal("2", (await crm.Ok("addcompany", ("clients-org_name", "Teamlead")))["id"]);
        for (var i = 3; i <= 15; i++)
        {
            await crm.Ok("addcompany", ("clients-org_name", $"Company {i}"));
        }
        Assert.Equal("1", (await crm.Ok("addcontact", ("clients-contact_name", "Ted Johnson")))["id"]);
        Assert.Equal("2", (await crm.Ok("addcontact", ("clients-contact_name", "Vladimir Putin"), ("clients-contact_company", "Teamlead")))["id"]);
        await crm.Ok("addcontact", ("clients-contact_name", "Anna Lee"), ("clients-contact_company", "(2)"));
        for (var i = 4; i <= 6; i++)
        {
            await crm.Ok("addcontact", ("clients-contact_name", $"Contact {i}"));
        }
        await crm.Ok("updateOrCreateEntity", ("tableName", "TRANSACTIONS"), ("crm_param_1", "Issue"), ("crm_param_1_value", "CRM-7"),
            ("crm_param_2", "Amount"), ("crm_param_2_value", "100"), ("crm_param_3", "Company"), ("crm_param_3_value", "Teamlead"),
            ("crm_param_4", "Direction"), ("crm_param_4_value", "Income"), ("crm_param_5", "Description"), ("crm_param_5_value", "Licence"));
        await crm.Ok("updateOrCreateEntity", ("tableName", "TRANSACTIONS"), ("crm_param_1", "Issue"), ("crm_param_1_value", "crm-7"),
            ("crm_param_2", "Amount"), ("crm_param_2_value", "40"), ("crm_param_5", "Description"), ("crm_param_5_value", "Training"));
        await crm.Ok("updateOrCreateEntity", ("tableName", "TRANSACTIONS"), ("crm_param_1", "Issue"), ("crm_param_1_value", "CRM-8"),
            ("crm_param_5", "Description"), ("crm_param_5_value", "Other"));
    }

    private static Dictionary<string, string> Single(JsonElement records)
    {
        var item = Assert.Single(records.EnumerateArray().ToList());
        return item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!).ToList();

    private sealed class Caller(CrmClient client, bool post)
    {
        public Task<CrmResponse> Call(string command, params (string Name, string Value)[] parameters) =>
            client.CallAsync(post, [("command", command), .. parameters]);

        public async Task<CrmResponse> Ok(string command, params (string Name, string Value)[] parameters)
        {
            var response = await Call(command, parameters);
            Assert.True(response.Status == HttpStatusCode.OK, $"{command}: {response}");
            Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
            Assert.True(response.Success, $"{command}: {response}");
            return response;
        }
    }
}
