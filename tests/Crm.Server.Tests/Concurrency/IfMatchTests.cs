using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Concurrency;

/// <summary>
/// Optimistic concurrency (docs/api.md#concurrency): single-entry answers send the entry's <c>ETag</c>; edits, deletes
/// and upserts with an id given <c>If-Match</c> (header or <c>ifMatch</c>) refuse a stale version with 412
/// <c>precondition_failed</c>, write nothing and name the current version in their own <c>ETag</c>.
/// </summary>
public sealed class IfMatchTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task Single_entry_answers_send_the_version_the_next_read_sees()
    {
        var added = await _api.Ok("addcompany", ("clients-org_name", "Etag Alpha"));
        var id = added["id"];
        Assert.Equal(added.ETag, await ETagOf("getcompanybyname", ("companyId", id)));
        Assert.Equal(added.ETag, await ETagOf("getcompanybyname", ("companyName", "Etag Alpha")));

        var edited = await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "alpha.example"));
        Assert.NotEqual(added.ETag, edited.ETag);
        Assert.Equal(edited.ETag, await ETagOf("getcompanybyname", ("companyId", id)));

        var upserted = await _api.Ok("updateOrCreateEntity", [("tableName", "CLIENTS"), ("id", id), .. Api.Pairs(("org_www", "beta.example"))]);
        Assert.NotEqual(edited.ETag, upserted.ETag);
        Assert.Equal(upserted.ETag, await ETagOf("getcompanybyname", ("companyId", id)));

        var created = await _api.Ok("updateOrCreateEntity", [("tableName", "CLIENTS"), .. Api.Pairs(("org_name", "Etag Beta"))]);
        Assert.Equal(created.ETag, await ETagOf("getcompanybyname", ("companyId", created["id"])));

        var contact = await _api.Ok("addcontact", ("clients-contact_name", "Etag Person"));
        Assert.Equal(contact.ETag, await ETagOf("getcontactbyname", ("contactId", contact["id"])));
        var linked = await _api.Ok("setcontact", ("contactId", contact["id"]), ("companyId", id));
        Assert.NotEqual(contact.ETag, linked.ETag);
        Assert.Equal(linked.ETag, await ETagOf("getcontactbyname", ("contactId", contact["id"])));
        var contactEdit = await _api.Ok("editcontact", ("contactId", contact["id"]), ("clients-contact_email", "p@example.com"));
        Assert.Equal(contactEdit.ETag, await ETagOf("getcontactbyname", ("contactName", "Etag Person")));

        Assert.All(new[] { added, edited, upserted, created, contact, linked, contactEdit }, r => Assert.Matches("^\"[^\"]+\"$", r.ETag!));
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_writes_nothing_and_names_the_current_version()
    {
        var id = await _api.Id("addcompany", ("clients-org_name", "Stale Co"));
        var stale = await ETagOf("getcompanybyname", ("companyId", id));
        var current = (await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "first.example"))).ETag;
        var before = await StoreSnapshot.TakeAsync(fixture.Server);

        var refusals = new[]
        {
            await Send(stale, "editcompany", ("companyId", id), ("clients-org_www", "second.example")),
            await Send(stale, "editcompany", ("companyId", id), ("clients-org_industry", "Brand New Industry")),
            await Send(stale, "updateOrCreateEntity", [("tableName", "CLIENTS"), ("id", id), .. Api.Pairs(("org_www", "third.example"))]),
            await Send(stale, "deletecompany", ("companyId", id)),
            await Send(stale, "deletecompany", ("companyName", "Stale Co")),
        };

        Assert.All(refusals, r =>
        {
            Api.AssertError(r, "precondition_failed");
            Assert.Equal(current, r.ETag);
        });
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));
    }

    [Fact]
    public async Task A_stale_if_match_creates_no_reference_target_and_guards_setcontact()
    {
        var contact = await _api.Id("addcontact", ("clients-contact_name", "Careful Person"));
        var stale = await ETagOf("getcontactbyname", ("contactId", contact));
        await _api.Ok("editcontact", ("contactId", contact), ("clients-contact_email", "careful@example.com"));
        var before = await StoreSnapshot.TakeAsync(fixture.Server);

        Api.AssertError(await Send(stale, "editcontact", ("contactId", contact), ("clients-contact_company", "Company Made By A Stale Edit")), "precondition_failed");
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));

        var company = await _api.Id("addcompany", ("clients-org_name", "Existing Link Target"));
        before = await StoreSnapshot.TakeAsync(fixture.Server);
        Api.AssertError(await Send(stale, "setcontact", ("contactId", contact), ("companyId", company)), "precondition_failed");

        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));
    }

    [Fact]
    public async Task The_current_version_any_version_and_its_weak_or_unquoted_forms_are_accepted()
    {
        var id = await _api.Id("addcompany", ("clients-org_name", "Current Co"));
        var tag = await ETagOf("getcompanybyname", ("companyId", id));

        tag = (await Accepted(tag, "editcompany", ("companyId", id), ("clients-org_www", "one.example"))).ETag!;
        tag = (await Accepted("W/" + tag, "editcompany", ("companyId", id), ("clients-org_www", "two.example"))).ETag!;
        tag = (await Accepted("\"no-such-version\", " + tag, "editcompany", ("companyId", id), ("clients-org_www", "three.example"))).ETag!;
        tag = (await Accepted(tag, "updateOrCreateEntity", [("tableName", "CLIENTS"), ("id", id), .. Api.Pairs(("org_www", "four.example"))])).ETag!;
        await Accepted("*", "editcompany", ("companyId", id), ("clients-org_www", "five.example"));
        Assert.Equal("five.example", (await _api.Company("getcompanybyname", ("companyId", id)))["org_www"]);

        tag = await ETagOf("getcompanybyname", ("companyId", id));
        await Accepted(tag, "deletecompany", ("companyId", id));
        await _api.Fails("not_found", "getcompanybyname", ("companyId", id));
    }

    [Fact]
    public async Task The_ifMatch_parameter_serves_clients_that_cannot_set_headers()
    {
        var id = await _api.Id("addcompany", ("clients-org_name", "Param Co"));
        var stale = await ETagOf("getcompanybyname", ("companyId", id));
        var current = (await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "p1.example"))).ETag!;

        var refused = await _api.Fails("precondition_failed", "editcompany", ("companyId", id), ("clients-org_www", "p2.example"), ("ifMatch", stale));
        Assert.Equal(current, refused.ETag);
        Api.AssertError(await _api.Via(formPost: true).Call("deletecompany", ("companyId", id), ("ifMatch", stale)), "precondition_failed");

        // Unquoted, as a query string usually carries it.
        var accepted = await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "p3.example"), ("ifMatch", current.Trim('"')));
        Assert.Equal(accepted.ETag, await ETagOf("getcompanybyname", ("companyId", id)));
        await _api.Via(formPost: true).Ok("deletecompany", ("companyId", id), ("ifMatch", accepted.ETag!));
    }

    [Fact]
    public async Task Of_concurrent_edits_with_the_same_version_exactly_one_wins()
    {
        var id = await _api.Id("addcompany", ("clients-org_name", "Race Co"));
        var tag = await ETagOf("getcompanybyname", ("companyId", id));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Send(tag, "editcompany", ("companyId", id), ("clients-org_www", $"racer{i}.example"))));

        var winners = answers.Where(a => a.Success).ToList();
        var winner = Assert.Single(winners);
        Assert.All(answers.Where(a => !a.Success), a => Api.AssertError(a, "precondition_failed"));
        var stored = await _api.Get("getcompanybyname", ("companyId", id));
        Assert.Equal($"racer{Array.IndexOf(answers, winner)}.example", stored["org_www"]);
        Assert.Equal(winner.ETag, await ETagOf("getcompanybyname", ("companyId", id)));
    }

    [Fact]
    public async Task A_call_repeated_with_its_idempotency_key_never_answers_a_version_it_did_not_write()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _api.Ok("addcompany", ("clients-org_name", "Repeat Co"), ("idempotencyKey", key));
        Assert.Equal(await ETagOf("getcompanybyname", ("companyId", first["id"])), first.ETag);
        await _api.Ok("editcompany", ("companyId", first["id"]), ("clients-org_www", "q.example"));

        // The repeat finds the first call's write (by its token or its record), whose version it cannot know once
        // the entry changed: it sends the first call's ETag or none, never the entry's later version.
        var repeat = await _api.Ok("addcompany", ("clients-org_name", "Repeat Co"), ("idempotencyKey", key));
        Assert.Equal(first.Body, repeat.Body);
        Assert.True(repeat.ETag is null || repeat.ETag == first.ETag, $"the repeat answered version {repeat.ETag}");

        var current = (await _api.Ok("editcompany", ("companyId", first["id"]), ("clients-org_www", "r.example"))).ETag;
        var refusalKey = Guid.NewGuid().ToString();
        foreach (var _ in new[] { 1, 2 })
        {
            var refused = await _api.Fails("precondition_failed", "editcompany",
                ("companyId", first["id"]), ("clients-org_www", "s.example"), ("ifMatch", first.ETag!), ("idempotencyKey", refusalKey));
            Assert.Equal(current, refused.ETag);
        }
    }

    [Fact]
    public async Task Without_if_match_an_edit_overwrites_as_before()
    {
        var id = await _api.Id("addcompany", ("clients-org_name", "Plain Co"));
        await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "a.example"));
        await _api.Ok("editcompany", ("companyId", id), ("clients-org_www", "b.example"));
        Assert.Equal("b.example", (await _api.Company("getcompanybyname", ("companyId", id)))["org_www"]);
    }

    private async Task<string> ETagOf(string command, params (string Name, string Value)[] parameters)
    {
        var answer = await _api.Ok(command, parameters);
        Assert.False(string.IsNullOrEmpty(answer.ETag), $"{command} sent no ETag");
        return answer.ETag!;
    }

    private async Task<CrmResponse> Accepted(string ifMatch, string command, params (string Name, string Value)[] parameters)
    {
        var answer = await Send(ifMatch, command, parameters);
        Api.AssertOk(answer, $"{command} with If-Match {ifMatch}");
        return answer;
    }

    /// <summary>A GET with the <c>If-Match</c> header (sent as given, so unusual forms reach the server unchanged).</summary>
    private async Task<CrmResponse> Send(string ifMatch, string command, params (string Name, string Value)[] parameters)
    {
        var query = CrmClient.Query([("apiKey", CrmTestServer.ApiKey), ("userName", CrmTestServer.Admin), ("command", command), .. parameters]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + query);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await fixture.Server.Client.SendAsync(request);
    }
}
