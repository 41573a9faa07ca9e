using System.Net;
using Crm.TestSupport;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Access;

/// <summary>docs/api.md#keys-users-and-rights: key and user in headers or parameters; every refusal of key or user is the same 401.</summary>
public sealed class CredentialsTests : IClassFixture<CrmTestServerFixture>, IAsyncLifetime
{
    private readonly CrmClient _client;
    private readonly Api _api;

    public CredentialsTests(CrmTestServerFixture fixture)
    {
        _client = fixture.Server.Client;
        _api = new Api(_client);
    }

    public async Task InitializeAsync()
    {
        await _api.Ok("setuser", ("login", "viewer"));
        await _api.Ok("grant", ("login", "viewer"), ("right", "crm.view"));
        await _api.Ok("setuser", ("login", "sleeper"), ("active", "false"));
        await _api.Ok("grant", ("login", "sleeper"), ("right", "crm.view"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static HttpRequestMessage WithHeaders(string? key, string? user, string query = "command=getcompanies")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + query);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        if (user is not null)
        {
            request.Headers.Add("X-Crm-User", user);
        }
        return request;
    }

    [Fact]
    public async Task Key_and_user_in_headers_are_accepted()
    {
        var response = await _client.SendAsync(WithHeaders(CrmTestServer.ApiKey, "viewer"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Success);
    }

    [Fact]
    public async Task Key_in_a_header_with_the_user_as_a_parameter_is_accepted()
    {
        var response = await _client.SendAsync(WithHeaders(CrmTestServer.ApiKey, null, "command=getcompanies&userName=viewer"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Key_and_user_as_query_or_form_parameters_are_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.As("viewer").Call("getcompanies")).Status);
        var posted = await _client.SendAsync(HttpMethod.Post,
            [("apiKey", CrmTestServer.ApiKey), ("userName", "viewer"), ("command", "getcompanies")], withCredentials: false);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
    }

    [Fact]
    public async Task Wrong_key_unknown_user_inactive_user_and_missing_credentials_get_the_same_401()
    {
        var refusals = new[]
        {
            await _client.SendAsync(WithHeaders("not-the-key", "viewer")),
            await _client.SendAsync(WithHeaders(CrmTestServer.ApiKey, "nobody-by-that-name")),
            await _client.SendAsync(WithHeaders(CrmTestServer.ApiKey, "sleeper")),
            await _client.SendAsync(WithHeaders(null, "viewer")),
            await _client.SendAsync(WithHeaders(CrmTestServer.ApiKey, null)),
            await _client.SendAsync(HttpMethod.Get, [("apiKey", "not-the-key"), ("userName", "viewer"), ("command", "getcompanies")], withCredentials: false),
        };

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.All(refusals, r => Assert.Equal("unauthorized", r.Code));
        Assert.Single(refusals.Select(r => r.Body).Distinct());
        Assert.All(refusals, r => Assert.DoesNotContain("not-the-key", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_command_with_a_wrong_key_is_refused_before_the_command_is_looked_at()
    {
        var response = await _client.SendAsync(WithHeaders("not-the-key", "viewer", "command=nosuchcommand"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task A_user_without_the_right_gets_403_naming_it()
    {
        var response = await _api.As("viewer").Call("addcompany", ("clients-org_name", "Never Co"));
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("forbidden", response.Code);
        Assert.Contains("CLIENTS.add", response["details"], StringComparison.Ordinal);
    }
}
