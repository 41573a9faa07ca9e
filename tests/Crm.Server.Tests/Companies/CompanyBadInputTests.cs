using System.Net;
using Crm.TestSupport;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Companies;

/// <summary>Bad company calls: the spec's code and status, a JSON answer, and nothing written.</summary>
public sealed class CompanyBadInputTests : IClassFixture<CrmTestServerFixture>, IAsyncLifetime
{
    private readonly CrmClient _client;
    private readonly Api _api;
    private string _existingId = "";
    private string _existingName = "";

    public CompanyBadInputTests(CrmTestServerFixture fixture)
    {
        _client = fixture.Server.Client;
        _api = new Api(_client);
    }

    public async Task InitializeAsync()
    {
        _existingName = "Existing " + Guid.NewGuid().ToString("N")[..6];
        var added = await _client.GetAsync(("command", "addcompany"), ("clients-org_name", _existingName), ("clients-org_www", "existing.example"));
        _existingId = added.Success ? added["id"] : (await _client.GetAsync(("command", "getcompanybyname"), ("companyName", _existingName)))["id"];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, bool> Methods => new() { { "GET", false }, { "POST", true } };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_unknown_field_is_a_bad_request_that_suggests_the_close_match(string method, bool post)
    {
        var misspelt = await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("clients-org_idustry", "Consulting"));
        Assert.Contains("org_industry", misspelt["details"], StringComparison.Ordinal);

        var byName = await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("crm_param_1", "Industy"), ("crm_param_1_value", "Consulting"));
        Assert.Contains("Industry", byName["details"], StringComparison.Ordinal);

        var onEdit = await RefusedAsync(post, "bad_request",
            ("command", "editcompany"), ("companyId", _existingId), ("clients-org_wwww", "x.example"));
        Assert.Contains("org_www", onEdit["details"], StringComparison.Ordinal);

        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("view-clients-no_such_field", "x"));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_missing_companyName_or_companyId_is_a_bad_request(string method, bool post)
    {
        Assert.NotEmpty(method);
        foreach (var command in new[] { "getcompanybyname", "editcompany", "deletecompany" })
        {
            var refused = await RefusedAsync(post, "bad_request", ("command", command), ("clients-org_www", "x.example"));
            Assert.Contains("companyId", refused["details"], StringComparison.Ordinal);
            await RefusedAsync(post, "bad_request", ("command", command), ("companyName", "   "), ("clients-org_www", "x.example"));
        }
        // addcompany without any name.
        var nameless = await RefusedAsync(post, "bad_request", ("command", "addcompany"), ("clients-org_www", "x.example"));
        Assert.Contains("org_name", nameless["details"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_unknown_or_missing_command_is_unknown_command(string method, bool post)
    {
        var unknown = await RefusedAsync(post, "unknown_command", ("command", "addcompanyy"), ("clients-org_name", "Never " + method));
        Assert.Contains("addcompany", unknown["details"], StringComparison.Ordinal);
        await RefusedAsync(post, "unknown_command", ("clients-org_name", "Never " + method));
        await RefusedAsync(post, "unknown_command", ("command", ""));
        var jira = await RefusedAsync(post, "unknown_command", ("command", "setcrmproperties"));
        Assert.Contains("Jira", jira["details"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_empty_required_field_is_a_bad_request(string method, bool post)
    {
        Assert.NotEmpty(method);
        await RefusedAsync(post, "bad_request", ("command", "addcompany"), ("clients-org_name", ""), ("clients-org_www", "x.example"));
        await RefusedAsync(post, "bad_request", ("command", "addcompany"), ("clients-org_name", "  \t "));
        await RefusedAsync(post, "bad_request", ("command", "addcompany"), ("crm_param_1", "Name"), ("crm_param_1_value", " "));
        await RefusedAsync(post, "bad_request", ("command", "editcompany"), ("companyId", _existingId), ("clients-org_name", ""));
        await RefusedAsync(post, "bad_request", ("command", "editcompany"), ("companyName", _existingName), ("crm_param_1", "org_name"), ("crm_param_1_value", "   "));
        Assert.Equal(_existingName, (await _client.GetAsync(("command", "getcompanybyname"), ("companyId", _existingId)))["org_name"]);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_unknown_company_is_not_found(string method, bool post)
    {
        Assert.NotEmpty(method);
        await RefusedAsync(post, "not_found", ("command", "getcompanybyname"), ("companyId", "987654"));
        await RefusedAsync(post, "not_found", ("command", "getcompanybyname"), ("companyName", "No Such Company / #?"));
        await RefusedAsync(post, "not_found", ("command", "editcompany"), ("companyId", "987654"), ("clients-org_www", "x.example"));
        await RefusedAsync(post, "not_found", ("command", "editcompany"), ("companyName", "No Such Company"), ("clients-org_www", "x.example"));
        await RefusedAsync(post, "not_found", ("command", "deletecompany"), ("companyId", "987654"));
        await RefusedAsync(post, "not_found", ("command", "deletecompany"), ("companyName", "No Such Company"));
        // An id that is no id at all is malformed, not missing.
        await RefusedAsync(post, "bad_request", ("command", "getcompanybyname"), ("companyId", "twelve"));
        await RefusedAsync(post, "bad_request", ("command", "deletecompany"), ("companyId", "-3"));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_value_outside_a_closed_dictionary_is_refused_with_the_allowed_values(string method, bool post)
    {
        var refused = await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("clients-org_industry", "Astrology"));
        Assert.Contains("Consulting", refused["details"], StringComparison.Ordinal);
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("view-clients-org_sla", "SLA-9 Platinum"));
        await RefusedAsync(post, "bad_request",
            ("command", "editcompany"), ("companyId", _existingId), ("crm_param_1", "Type"), ("crm_param_1_value", "Friend"));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Values_that_do_not_fit_the_field_are_refused(string method, bool post)
    {
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("clients-org_www", "not a url"));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("clients-org_people", "Somebody"));
        if (post)
        {
            // (A GET this long would meet Kestrel's request-line limit first.)
            await RefusedAsync(post, "bad_request",
                ("command", "addcompany"), ("clients-org_name", new string('n', 33_000)));
        }
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("crm_param_1", "org_www"));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("crm_param_2_value", "x"));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("tableName", "CONTACTS"), ("clients-org_name", "Never " + method));
        await RefusedAsync(post, "bad_request",
            ("command", "editcompany"), ("companyId", _existingId));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_field_given_twice_with_different_values_is_a_bad_request(string method, bool post)
    {
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Twice A " + method), ("clients-org_name", "Twice B " + method));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Twice A " + method), ("crm_param_1", "Name"), ("crm_param_1_value", "Twice B " + method));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Twice A " + method), ("CLIENTS-ORG_NAME", "Twice B " + method));
        await RefusedAsync(post, "bad_request",
            ("command", "editcompany"), ("companyId", _existingId), ("clients-org_www", "a.example"), ("clients-org_www", "b.example"));
    }

    [Fact]
    public async Task A_parameter_in_the_query_and_the_form_body_with_different_values_is_a_bad_request()
    {
        var before = await SnapshotAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/plugins/servlet/crm/api?" + CrmClient.Query([("apiKey", CrmTestServer.ApiKey), ("userName", CrmTestServer.Admin), ("command", "addcompany"), ("clients-org_name", "Query Name")]))
        {
            Content = new FormUrlEncodedContent([new("clients-org_name", "Form Name")]),
        };

        Api.AssertError(await _client.SendAsync(request), "bad_request");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_taken_name_is_a_duplicate_naming_the_holder(string method, bool post)
    {
        Assert.NotEmpty(method);
        var added = await RefusedAsync(post, "duplicate", ("command", "addcompany"), ("clients-org_name", "  " + _existingName.ToUpperInvariant()));
        Assert.Equal(_existingId, added["existingId"]);

        var other = await _api.Via(post).Id("addcompany", ("clients-org_name", "Other " + Guid.NewGuid().ToString("N")[..6]));
        var before = await SnapshotAsync();
        var renamed = await _api.Via(post).Fails("duplicate", "editcompany", ("companyId", other), ("companyName", _existingName.ToLowerInvariant()));
        Assert.Equal(_existingId, renamed["existingId"]);
        Assert.Equal(before, await SnapshotAsync());
        await _client.GetAsync(("command", "deletecompany"), ("companyId", other));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_bad_company_value_does_not_create_the_contact_it_names(string method, bool post)
    {
        var contact = "Fresh Contact " + method + Guid.NewGuid().ToString("N")[..6];
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", "Never " + method), ("clients-org_contact", contact), ("clients-org_industry", "Astrology"));
        await RefusedAsync(post, "bad_request",
            ("command", "addcompany"), ("clients-org_name", ""), ("clients-org_contact", contact));
        await _api.Fails("not_found", "getcontactbyname", ("contactName", contact));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_taken_name_does_not_create_the_contact_it_names(string method, bool post)
    {
        var contact = "Orphan " + method + Guid.NewGuid().ToString("N")[..6];
        var added = await RefusedAsync(post, "duplicate",
            ("command", "addcompany"), ("clients-org_name", _existingName.ToLowerInvariant()), ("clients-org_contact", contact));
        Assert.Equal(_existingId, added["existingId"]);

        var other = await _api.Via(post).Id("addcompany", ("clients-org_name", "Other " + Guid.NewGuid().ToString("N")[..6]));
        var renamed = await RefusedAsync(post, "duplicate",
            ("command", "editcompany"), ("companyId", other), ("companyName", _existingName), ("view-clients-org_contact", contact));
        Assert.Equal(_existingId, renamed["existingId"]);
        await _api.Fails("not_found", "getcontactbyname", ("contactName", contact));
        await _client.GetAsync(("command", "deletecompany"), ("companyId", other));
    }

    [Fact]
    public async Task A_call_without_a_valid_key_or_user_is_unauthorized_and_writes_nothing()
    {
        var before = await SnapshotAsync();

        Api.AssertError(await _client.GetWithoutCredentialsAsync(("command", "addcompany"), ("clients-org_name", "Intruder")), "unauthorized");
        Api.AssertError(await _client.GetWithoutCredentialsAsync(("apiKey", "wrong"), ("userName", CrmTestServer.Admin), ("command", "addcompany"), ("clients-org_name", "Intruder")), "unauthorized");
        Api.AssertError(await _client.GetWithoutCredentialsAsync(("apiKey", CrmTestServer.ApiKey), ("userName", "mallory"), ("command", "addcompany"), ("clients-org_name", "Intruder")), "unauthorized");

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Asserts the refusal and that neither companies nor contacts changed.</summary>
    private async Task<CrmResponse> RefusedAsync(bool post, string code, params (string Name, string Value)[] parameters)
    {
        var before = await SnapshotAsync();
        var response = Api.AssertError(await _client.CallAsync(post, parameters), code);
        Assert.Equal(before, await SnapshotAsync());
        return response;
    }

    private async Task<(string Companies, string Contacts)> SnapshotAsync()
    {
        var companies = await _client.GetAsync(("command", "getcompanies"));
        var contacts = await _client.GetAsync(("command", "getcontacts"));
        Assert.True(companies.Success && contacts.Success);
        return (companies.Body, contacts.Body);
    }
}
