using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 8: an entry may hold at most 48 claim and index rows (docs/limits.md), so that an edit replacing
/// all of them (entry, write token and call record + 48 + 48 rows) fits in one transaction. A company named in the issue had 60 values in a searchable
/// multi field: accepted, then no edit could replace them.
/// </summary>
public sealed class EntryRowCapTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task A_create_with_more_searchable_values_than_an_entry_may_hold_is_refused_naming_the_field_and_the_cap()
    {
        var tags = await AddTagsFieldAsync("Labels");
        var before = await StoreSnapshot.TakeAsync(fixture.Server);

        var refused = await _api.Fails("bad_request", "addcompany", ("clients-org_name", "Sixty Co"), ($"clients-{tags}", Values("L", 60)));

        Assert.Contains(tags, Api.Details(refused), StringComparison.Ordinal);
        Assert.Contains("at most 48", Api.Details(refused), StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));
    }

    [Fact]
    public async Task An_entry_at_the_cap_can_have_its_title_and_every_value_replaced_in_one_keyed_edit_and_an_edit_past_it_is_refused()
    {
        var tags = await AddTagsFieldAsync("Markers");
        // The name is unique and the title: a claim and an index row; 46 values make 48.
        var id = await _api.Id("addcompany", ("clients-org_name", "Full Co"), ($"clients-{tags}", Values("A", 46)));

        // With an Idempotency-Key the edit's transaction also carries the call's record: 3 + 48 + 48 rows.
        var edited = await _api.CallWithKey(Guid.NewGuid().ToString(), "editcompany", ("companyId", id), ("clients-org_name", "Full Co Renamed"), ($"clients-{tags}", Values("B", 46)));

        Api.AssertOk(edited, "editcompany");
        var company = await _api.Get("getcompanybyname", ("companyId", id));
        Assert.Equal(("Full Co Renamed", Values("B", 46)), (company["org_name"], company[tags]));
        var past = await _api.Fails("bad_request", "editcompany", ("companyId", id), ($"clients-{tags}", Values("C", 47)));
        Assert.Contains("at most 48", Api.Details(past), StringComparison.Ordinal);
        Assert.Equal(Values("B", 46), (await _api.Get("getcompanybyname", ("companyId", id)))[tags]);
    }


    private async Task<string> AddTagsFieldAsync(string name) =>
        (await _api.Ok("addfield", ("tableName", "CLIENTS"), ("fieldName", name), ("type", "multi"), ("dictionaryName", "Positions"), ("searchable", "true")))["code"];

    private static string Values(string prefix, int count) => string.Join(',', Enumerable.Range(1, count).Select(i => $"{prefix}{i}"));
}
