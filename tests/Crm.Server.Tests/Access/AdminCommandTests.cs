using System.Net;
using System.Text.Json;
using Crm.Core.Access;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Access;

/// <summary>The user and right commands (docs/api.md#users-and-rights), over HTTP against Azurite.</summary>
public sealed class AdminCommandTests : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmTestServer _server;
    private readonly CrmClient _client;
    private readonly Api _api;

    public AdminCommandTests(CrmTestServerFixture fixture)
    {
        _server = fixture.Server;
        _client = fixture.Server.Client;
        _api = new Api(_client);
    }

    private async Task<JsonElement> UserAsync(string login)
    {
        var users = await _api.Ok("getusers", ("login", login));
        return Assert.Single(users.Json.GetProperty("users").EnumerateArray());
    }

    [Fact]
    public async Task Setuser_creates_then_changes_only_the_given_properties()
    {
        var created = await _api.Ok("setuser", ("login", "ann"), ("displayName", "Ann Lee"), ("email", "ann@example.com"), ("groups", "sales, Support ,sales"));
        Assert.True(created.Json.GetProperty("created").GetBoolean());

        var changed = await _api.Ok("setuser", ("login", "ANN"), ("email", "ann.lee@example.com"));
        Assert.False(changed.Json.GetProperty("created").GetBoolean());

        var ann = await UserAsync("ann");
        Assert.Equal("ann", ann.GetProperty("login").GetString());
        Assert.Equal("Ann Lee", ann.GetProperty("displayName").GetString());
        Assert.Equal("ann.lee@example.com", ann.GetProperty("email").GetString());
        Assert.Equal("true", ann.GetProperty("active").GetString());
        Assert.Equal("sales,Support", ann.GetProperty("groups").GetString());
    }

    [Theory]
    [InlineData("active", "maybe")]
    [InlineData("email", "not-an-address")]
    [InlineData("login", "a,b")]
    public async Task Setuser_rejects_bad_values(string parameter, string value)
    {
        var parameters = new List<(string, string)> { ("command", "setuser"), ("login", "valid-login") };
        parameters.RemoveAll(p => p.Item1 == parameter);
        parameters.Add((parameter, value));
        var response = await _client.GetAsync([.. parameters]);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Rights_through_a_user_grant_and_a_group_grant_are_both_effective_and_revocable()
    {
        await _api.Ok("setuser", ("login", "bob"), ("groups", "editors"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.As("bob").Call("getcompanies")).Status);

        var granted = await _api.Ok("grant", ("group", "editors"), ("right", "crm.VIEW"));
        Assert.Equal("crm.view", granted["right"]);
        Assert.Equal(HttpStatusCode.OK, (await _api.As("bob").Call("getcompanies")).Status);

        var direct = await _api.Ok("grant", ("login", "bob"), ("right", "clients.ADD"));
        Assert.Equal("CLIENTS.add", direct["right"]);
        var bob = await UserAsync("bob");
        Assert.Equal("CLIENTS.add", bob.GetProperty("rights").GetString());
        Assert.Equal("CLIENTS.add,crm.view", bob.GetProperty("effectiveRights").GetString());

        await _api.Ok("revoke", ("group", "editors"), ("right", "crm.view"));
        var refused = await _api.As("bob").Call("getcompanies");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("crm.view", refused["details"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crm.edit")]
    [InlineData("NOSUCHTABLE.add")]
    [InlineData("CLIENTS.delete")]
    [InlineData("")]
    public async Task Grant_refuses_names_that_are_not_rights(string right)
    {
        await _api.Ok("setuser", ("login", "carl"));
        var response = await _client.GetAsync(("command", "grant"), ("login", "carl"), ("right", right));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Grant_to_an_unknown_user_is_not_found_and_needs_exactly_one_grantee()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(("command", "grant"), ("login", "ghost"), ("right", "crm.view"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(("command", "grant"), ("login", "admin"), ("group", "g"), ("right", "crm.view"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(("command", "grant"), ("right", "crm.view"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(("command", "revoke"), ("group", "nobody-here"), ("right", "crm.view"))).Status);
    }

    [Fact]
    public async Task A_deactivated_or_removed_user_is_refused_like_a_wrong_key()
    {
        await _api.Ok("setuser", ("login", "dora"));
        await _api.Ok("grant", ("login", "dora"), ("right", "crm.view"));
        Assert.Equal(HttpStatusCode.OK, (await _api.As("dora").Call("getcompanies")).Status);
        var wrongKey = await _client.SendAsync(HttpMethod.Get, [("apiKey", "wrong"), ("userName", "dora"), ("command", "getcompanies")], withCredentials: false);

        await _api.Ok("setuser", ("login", "dora"), ("active", "false"));
        var inactive = await _api.As("dora").Call("getcompanies");
        Assert.Equal(HttpStatusCode.Unauthorized, inactive.Status);
        Assert.Equal(wrongKey.Body, inactive.Body);

        await _api.Ok("setuser", ("login", "dora"), ("active", "true"));
        Assert.Equal(HttpStatusCode.OK, (await _api.As("dora").Call("getcompanies")).Status);

        await _api.Ok("removeuser", ("login", "dora"));
        var removed = await _api.As("dora").Call("getcompanies");
        Assert.Equal(wrongKey.Body, removed.Body);

        // Re-created, the user does not get back the rights of its previous life.
        await _api.Ok("setuser", ("login", "dora"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.As("dora").Call("getcompanies")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(("command", "removeuser"), ("login", "never-existed"))).Status);
    }

    [Fact]
    public async Task An_admin_cannot_lock_itself_out()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(("command", "removeuser"), ("login", CrmTestServer.Admin))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(("command", "setuser"), ("login", CrmTestServer.Admin), ("active", "false"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(("command", "revoke"), ("login", CrmTestServer.Admin), ("right", "admin"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(("command", "getusers"))).Status);
    }

    [Fact]
    public async Task Admin_commands_need_the_admin_right()
    {
        await _api.Ok("setuser", ("login", "eve"));
        await _api.Ok("grant", ("login", "eve"), ("right", "crm.view"));
        foreach (var command in new[] { "getusers", "setuser", "removeuser", "grant", "revoke" })
        {
            var response = await _api.As("eve").Call(command, ("login", "eve"), ("right", "admin"));
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Contains("'admin'", response["details"], StringComparison.Ordinal);
        }
        Assert.Equal("crm.view", (await UserAsync("eve")).GetProperty("effectiveRights").GetString());
    }

    [Fact]
    public async Task Another_instance_sees_a_revoke_within_the_cache_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var other = new CrmTestServer(
            new Dictionary<string, string?> { ["Crm:Storage:TablePrefix"] = _server.TablePrefix },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await _api.Ok("setuser", ("login", "fred"));
        await _api.Ok("grant", ("login", "fred"), ("right", "crm.view"));
        Assert.Equal(HttpStatusCode.OK, (await new Api(other.Client).As("fred").Call("getcompanies")).Status);

        await _api.Ok("revoke", ("login", "fred"), ("right", "crm.view"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.As("fred").Call("getcompanies")).Status);

        clock.Advance(StoredUserDirectory.Lifetime);
        Assert.Equal(HttpStatusCode.Forbidden, (await new Api(other.Client).As("fred").Call("getcompanies")).Status);
    }
}
