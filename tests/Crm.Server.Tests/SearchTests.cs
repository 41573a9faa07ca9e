using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>searchEntities (docs/api.md#searchentities): pairs ANDed, normalized full match, trailing * prefix, references by title or id, id order, read-your-writes.</summary>
public sealed class SearchTests(SearchTests.Data data) : IClassFixture<SearchTests.Data>
{
    private readonly Api _api = data.Api;

    [Fact]
    public async Task Three_pairs_are_ANDed()
    {
        Assert.Equal(["Alpha Widget"], Names(await _api.Search("PRODUCTS", ("Vendor", "Acme"), ("Area", "North"), ("Price", "10"))));
        Assert.Equal(["Alpha Widget", "Beta Widget"], Names(await _api.Search("PRODUCTS", ("Vendor", "Acme"), ("Area", "North"))));
        Assert.Equal(["Alpha Widget", "Alpha Gadget", "Alpha Tool"], Names(await _api.Search("PRODUCTS", ("Price", "10"))));
        Assert.Empty(await _api.Search("PRODUCTS", ("Vendor", "Globex"), ("Area", "North"), ("Price", "12.5")));
    }

    [Fact]
    public async Task A_trailing_star_is_a_prefix_match()
    {
        Assert.Equal(["Alpha Widget", "Alpha Gadget", "Alpha Tool"], Names(await _api.Search("PRODUCTS", ("Product Name", "alpha*"))));
        Assert.Equal(["Alpha Widget"], Names(await _api.Search("PRODUCTS", ("Product Name", "ALPHA  w*"))));
        Assert.Equal(["Alpha Widget", "Alpha Gadget"], Names(await _api.Search("PRODUCTS", ("Product Name", "Alpha*"), ("Vendor", "Ac*"))));
        Assert.Empty(await _api.Search("PRODUCTS", ("Product Name", "alpha")));
    }

    [Theory]
    [InlineData("Product Name", "alpha widget")]
    [InlineData("product_name", "  ALPHA   Widget ")]
    [InlineData("PRODUCT NAME", "Alpha\tWidget")]
    [InlineData("Price", "10.00")]
    public async Task Case_and_spacing_do_not_matter(string field, string value)
    {
        Assert.Contains("Alpha Widget", Names(await _api.Search("PRODUCTS", (field, value), ("Area", " north "))));
    }

    [Fact]
    public async Task A_reference_matches_by_title_or_id()
    {
        var expected = new[] { "Vladimir Putin", "Anna Lee" };
        foreach (var value in new[] { "Teamlead", " teamLEAD ", data.TeamleadId, $"({data.TeamleadId})", "Team*" })
        {
            Assert.Equal(expected, Names(await _api.Search("CONTACTS", ("Company", value))));
        }
        Assert.Equal(["Ted Johnson"], Names(await _api.Search("CONTACTS", ("Company", "adobe"))));
        Assert.Equal(["Anna Lee"], Names(await _api.Search("CONTACTS", ("Company", "Teamlead"), ("Position", "ceo"))));
        Assert.Empty(await _api.Search("CONTACTS", ("Company", "Nobody")));
    }

    [Fact]
    public async Task No_pairs_lists_the_table_in_id_order()
    {
        var all = await _api.Search("PRODUCTS");
        Assert.Equal(["Alpha Widget", "Alpha Gadget", "Beta Widget", "Alpha Tool"], Names(all).Take(4));
        Assert.Equal(all.Select(r => long.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)).Order(),
            all.Select(r => long.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["id", "name", "product_name", "product_price", "product_vendor", "product_area"], all[0].Keys);
    }

    [Fact]
    public async Task The_default_table_is_contacts_and_email_matches_case_insensitively()
    {
        var found = await _api.List("records", "searchEntities", Api.Pairs(("E-mail", "TED@ADOBE.example")));
        Assert.Equal(["Ted Johnson"], Names(found));
    }

    [Fact]
    public async Task A_write_is_findable_the_moment_its_call_returned()
    {
        for (var i = 0; i < 25; i++)
        {
            var id = (await _api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), .. Api.Pairs(("Product Name", $"Fresh {i}"), ("Vendor", "Fresh Vendor"))]))["id"];
            Assert.Equal([id], (await _api.Search("PRODUCTS", ("Product Name", $"fresh {i}"))).Select(r => r["id"]));
            Assert.Equal(i + 1, (await _api.Search("PRODUCTS", ("Vendor", "fresh vendor"))).Count);

            await _api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), ("id", id), .. Api.Pairs(("Area", $"Area {i}"))]);
            Assert.Equal([id], (await _api.Search("PRODUCTS", ("Area", $"area {i}"))).Select(r => r["id"]));
        }
        await _api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), ("id", (await _api.Search("PRODUCTS", ("Product Name", "Fresh 0")))[0]["id"]), .. Api.Pairs(("Product Name", "Stale 0"))]);
        Assert.Empty(await _api.Search("PRODUCTS", ("Product Name", "Fresh 0")));
        Assert.Single(await _api.Search("PRODUCTS", ("Product Name", "Stale 0")));
    }

    [Fact]
    public async Task Transactionslist_finds_the_transactions_of_an_issue_key()
    {
        var list = await _api.List("transactions", "transactionslist", ("saleVal", "crm-7"));
        Assert.Equal(["Licence", "Support"], list.Select(t => t["trans_description"]));
        Assert.All(list, t => Assert.Equal("Teamlead", t["trans_company"]));
        Assert.Empty(await _api.List("transactions", "transactionslist", ("saleVal", "CRM-70")));
    }

    private static List<string> Names(List<Dictionary<string, string>> records) => records.Select(r => r["name"]).ToList();

    public sealed class Data : IAsyncLifetime
    {
        private CrmTestServer? _server;

        public Api Api => new(_server!.Client);
        public string TeamleadId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            _server = new CrmTestServer();
            var api = Api;
            foreach (var (name, price, vendor, area) in new[]
            {
                ("Alpha Widget", "10", "Acme", "North"), ("Alpha Gadget", "10", "Acme", "South"),
                ("Beta Widget", "12.5", "Acme", "North"), ("Alpha Tool", "10", "Globex", "North"),
            })
            {
                await api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), .. Api.Pairs(("Product Name", name), ("Price", price), ("Vendor", vendor), ("Area", area))]);
            }
            await api.Ok("addcompany", ("clients-org_name", "Adobe"));
            TeamleadId = (await api.Ok("addcompany", ("clients-org_name", "Teamlead")))["id"];
            await api.Ok("addcompany", ("clients-org_name", "Team Other"));
            await api.Ok("addcontact", ("clients-contact_name", "Ted Johnson"), ("clients-contact_company", "Adobe"), ("clients-contact_email", "ted@adobe.example"));
            await api.Ok("addcontact", ("clients-contact_name", "Vladimir Putin"), ("clients-contact_company", "Teamlead"), ("clients-contact_position", "Manager"));
            await api.Ok("addcontact", ("clients-contact_name", "Anna Lee"), ("clients-contact_company", $"({TeamleadId})"), ("clients-contact_position", "CEO"));
            await api.Ok("addcontact", ("clients-contact_name", "Nobody's Contact"), ("clients-contact_position", "CEO"));
            await api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Issue", "CRM-7"), ("Description", "Licence"), ("Company", "Teamlead"))]);
            await api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Issue", "CRM-8"), ("Description", "Other"), ("Company", "Teamlead"))]);
            await api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Issue", " crm-7 "), ("Description", "Support"), ("Company", "Teamlead"))]);
        }

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
