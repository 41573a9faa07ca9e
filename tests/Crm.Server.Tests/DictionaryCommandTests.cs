using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>adddictionaryvalue, removedictionaryvalue, getdictionary (docs/api.md#dictionaries) and how dictionary fields use them.</summary>
public sealed class DictionaryCommandTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Values_keep_insertion_order_and_their_spelling()
    {
        foreach (var value in new[] { "Zebra", " mid  value ", "Alpha" })
        {
            Assert.Equal(["success"], (await _api.Ok("adddictionaryvalue", ("dictionaryName", "Ordered"), ("newvalue", value))).Keys);
        }
        Assert.Equal(["Zebra", "mid value", "Alpha"], await Values("ordered"));
        await _api.Ok("removedictionaryvalue", ("dictionaryName", "Ordered"), ("valuetoremove", "MID VALUE"));
        Assert.Equal(["Zebra", "Alpha"], await Values("Ordered"));
        Assert.Equal(["Income", "Expense"], await Values("Directions"));
    }

    [Fact]
    public async Task A_removed_value_stays_in_entries_until_edited_and_cannot_be_chosen_again()
    {
        await _api.Ok("adddictionaryvalue", ("dictionaryName", "Tiers"), ("newvalue", "Gold"));
        await _api.Ok("adddictionaryvalue", ("dictionaryName", "Tiers"), ("newvalue", "Silver"));
        var code = (await _api.Ok("addfield", ("tableName", "CLIENTS"), ("fieldName", "Tier"), ("type", "dictionary"), ("dictionaryName", "Tiers"), ("searchable", "true")))["code"];
        var id = (await _api.Ok("addcompany", ("clients-org_name", "Gold Co"), ("view-clients-" + code, "gold")))["id"];
        Assert.Equal("Gold", (await _api.Get("getcompanybyname", ("companyId", id)))[code]);

        await _api.Ok("removedictionaryvalue", ("dictionaryName", "Tiers"), ("valuetoremove", "Gold"));

        Assert.Equal("Gold", (await _api.Get("getcompanybyname", ("companyId", id)))[code]);
        Assert.Equal([id], (await _api.Search("CLIENTS", ("Tier", "gold"))).Select(r => r["id"]));
        await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "gold.example"));
        Assert.Equal("Gold", (await _api.Get("getcompanybyname", ("companyId", id)))[code]);
        var refused = await _api.Fails("bad_request", "editcompany", ("companyId", id), ("clients-" + code, "Gold"));
        Assert.Contains("Allowed: Silver", Api.Details(refused), StringComparison.Ordinal);
        await _api.Ok("editcompany", ("companyId", id), ("clients-" + code, "silver"));
        Assert.Equal("Silver", (await _api.Get("getcompanybyname", ("companyId", id)))[code]);
    }

    [Fact]
    public async Task A_multi_field_takes_several_values_of_its_dictionary()
    {
        foreach (var value in new[] { "Development", "Training", "Consulting" })
        {
            await _api.Ok("adddictionaryvalue", ("dictionaryName", "Services"), ("newvalue", value));
        }
        var code = (await _api.Ok("addfield", ("tableName", "CLIENTS"), ("fieldName", "Services"), ("type", "multi"), ("dictionaryName", "services"), ("searchable", "true")))["code"];
        var id = (await _api.Ok("addcompany", ("clients-org_name", "Multi Co"), ("clients-" + code, "training, development ,TRAINING")))["id"];
        Assert.Equal("Training,Development", (await _api.Get("getcompanybyname", ("companyId", id)))[code]);
        Assert.Equal([id], (await _api.Search("CLIENTS", ("Services", "development"))).Select(r => r["id"]));
        var refused = await _api.Fails("bad_request", "editcompany", ("companyId", id), ("clients-" + code, "Training,Juggling"));
        Assert.Contains("Juggling", Api.Details(refused), StringComparison.Ordinal);
    }

    private async Task<List<string>> Values(string dictionary) =>
        (await _api.Ok("getdictionary", ("dictionaryName", dictionary))).Json.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
}
