using System.Net;
using Crm.Core.Commands;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// What openapi.json says a command takes is what it does: every command described as paged answers a page, and
/// every command described as taking <c>If-Match</c> refuses a stale one with 412. A flag set wrongly in a
/// feature's <c>…CommandDocs.cs</c> fails here.
/// </summary>
public sealed class DescribedBehaviourTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private const string Stale = "\"00000000000000000000000000000000\"";
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Every_command_described_as_paged_answers_one_page()
    {
        await _api.Id("addcontact", ("clients-contact_name", "Paged One"));
        await _api.Id("addcontact", ("clients-contact_name", "Paged Two"));
        var extra = new Dictionary<string, (string, string)[]>
        {
            ["searchEntities"] = [("tableName", "CONTACTS")],
            ["transactionslist"] = [("saleVal", "CRM-1")],
        };

        var paged = CommandCatalog.All.Where(c => c.Doc.Paged).Select(c => c.Name).ToList();

        Assert.Equal(["getcompanies", "getcontacts", "searchEntities", "transactionslist"], paged);
        foreach (var name in paged)
        {
            var response = await _api.Ok(name, [("limit", "1"), .. extra.GetValueOrDefault(name, [])]);
            var list = Assert.Single(response.Json.EnumerateObject(), p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Array).Value;
            Assert.True(list.GetArrayLength() <= 1, $"{name}: {response}");
        }
        var contacts = await _api.Ok("getcontacts", ("limit", "1"));
        Assert.True(contacts.Json.TryGetProperty("nextCursor", out _), contacts.ToString());
    }

    [Fact]
    public async Task Every_command_described_as_taking_If_Match_refuses_a_stale_one_and_writes_nothing()
    {
        var company = await _api.Id("addcompany", ("clients-org_name", "Guarded Co"));
        var contact = await _api.Id("addcontact", ("clients-contact_name", "Guarded Person"));
        var calls = new Dictionary<string, (string, string)[]>
        {
            ["editcompany"] = [("companyId", company), ("clients-org_www", "stale.example")],
            ["deletecompany"] = [("companyId", company)],
            ["editcontact"] = [("contactId", contact), ("clients-contact_phone", "1")],
            ["deletecontact"] = [("contactId", contact)],
            ["setcontact"] = [("contactId", contact), ("companyId", company)],
            ["updateOrCreateEntity"] = [("tableName", "CLIENTS"), ("id", company), ("crm_param_1", "org_www"), ("crm_param_1_value", "x.example")],
        };

        var guarded = CommandCatalog.All.Where(c => c.Doc.IfMatch).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(calls.Keys.Order(StringComparer.Ordinal), guarded);
        foreach (var name in guarded)
        {
            (string, string)[] parameters = [("command", name), ("ifMatch", Stale), .. calls[name]];
            var response = await fixture.Server.Client.GetAsync(parameters);
            Assert.True(response.Status == HttpStatusCode.PreconditionFailed, $"{name}: {response}");
            Assert.Equal("precondition_failed", response.Code);
        }
        Assert.Equal("", (await _api.Ok("getcompanybyname", ("companyId", company)))["org_www"]);
        Assert.Equal("", (await _api.Ok("getcontactbyname", ("contactId", contact)))["contact_company"]);
    }
}
