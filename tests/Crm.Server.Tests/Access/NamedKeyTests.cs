using System.Net;
using Crm.Core.Access;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Access;

/// <summary>Named keys from configuration (<c>Crm:ApiKeys:Named:&lt;name&gt;:Key</c> / <c>:User</c>) act only as their user; <c>getkeys</c> lists every key without its value.</summary>
public sealed class NamedKeyTests : IAsyncLifetime
{
    private const string CiKey = "named-ci-key-4f1b2c";
    private const string IdleKey = "named-idle-key-9d8e7f";
    private readonly string _prefix = Azurite.NewTablePrefix();
    private CrmTestServer _server = null!;

    public async Task InitializeAsync()
    {
        await KeyedCall.SeedUsersAsync(_prefix, ("ci-bot", CrmRights.View));
        _server = Server(_prefix, allowShared: true);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CrmTestServer Server(string prefix, bool allowShared) => new(new Dictionary<string, string?>
    {
        ["Crm:Storage:TablePrefix"] = prefix,
        ["Crm:ApiKeys:AllowShared"] = allowShared ? "true" : "false",
        ["Crm:ApiKeys:Named:ci:Key"] = CiKey,
        ["Crm:ApiKeys:Named:ci:User"] = "ci-bot",
        ["Crm:ApiKeys:Named:idle:Key"] = IdleKey,
        ["Crm:ApiKeys:Named:idle:User"] = "nobody-yet",
    });

    private Task<KeyedAnswer> Call(string key, string? user, params (string Name, string Value)[] parameters) =>
        KeyedCall.SendAsync(_server.Client.Http, key, user, parameters);

    [Fact]
    public async Task A_named_key_acts_as_its_user_when_no_user_or_that_user_in_any_case_is_named()
    {
        Assert.Equal(HttpStatusCode.OK, (await Call(CiKey, null, ("command", "getcompanies"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(CiKey, "CI-Bot", ("command", "getcompanies"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(CiKey, null, ("command", "getcompanies"), ("userName", "ci-bot"))).Status);
    }

    [Fact]
    public async Task A_named_key_refuses_to_act_as_another_user()
    {
        foreach (var other in new[] { CrmTestServer.Admin, "ci-bot2", "someone" })
        {
            var answer = await Call(CiKey, other, ("command", "getcompanies"));

            Api.AssertError(answer.Response, "unauthorized");
            Assert.Contains("this key acts as ci-bot", answer.Response["details"], StringComparison.OrdinalIgnoreCase);
        }
        var asParameter = await Call(CiKey, null, ("command", "getusers"), ("userName", CrmTestServer.Admin));
        Api.AssertError(asParameter.Response, "unauthorized");
    }

    [Fact]
    public async Task A_named_key_has_only_its_users_rights()
    {
        var answer = await Call(CiKey, null, ("command", "addcompany"), ("clients-org_name", "Not Allowed Co"));

        Api.AssertError(answer.Response, "forbidden");
    }

    [Fact]
    public async Task A_named_key_bound_to_a_user_that_does_not_exist_is_refused()
    {
        Api.AssertError((await Call(IdleKey, null, ("command", "getcompanies"))).Response, "unauthorized");
    }

    [Fact]
    public async Task Getkeys_lists_every_key_with_kind_user_source_versions_and_last_use_but_never_a_value()
    {
        Assert.Equal(HttpStatusCode.OK, (await Call(CiKey, null, ("command", "getcompanies"))).Status);

        var answer = await Call(CrmTestServer.ApiKey, CrmTestServer.Admin, ("command", "getkeys"));

        Api.AssertSuccess(answer.Response, "keys");
        var keys = answer.Response.Json.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Equal(["crm-api-key", "ci", "idle"], keys.Keys);
        Assert.Equal(("shared", "", "configuration"), Describe(keys["crm-api-key"]));
        Assert.Equal(("named", "ci-bot", "configuration"), Describe(keys["ci"]));
        Assert.Equal(("named", "nobody-yet", "configuration"), Describe(keys["idle"]));
        Assert.Single(keys["ci"].GetProperty("versions").EnumerateArray());
        Assert.True(DateTimeOffset.TryParse(keys["ci"].GetProperty("lastUsed").GetString(), out _), answer.Response.Body);
        Assert.Equal("", keys["idle"].GetProperty("lastUsed").GetString());
        foreach (var secret in new[] { CiKey, IdleKey, CrmTestServer.ApiKey })
        {
            Assert.DoesNotContain(secret, answer.Response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(KeyHash.Of(secret)), answer.Response.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(KeyHash.Of(secret)), answer.Response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Getkeys_needs_the_admin_right()
    {
        Api.AssertError((await Call(CiKey, null, ("command", "getkeys"))).Response, "forbidden");
    }

    [Fact]
    public async Task The_last_use_is_stored_in_table_storage_where_another_instance_sees_it()
    {
        Assert.Equal(HttpStatusCode.OK, (await Call(CiKey, null, ("command", "getcompanies"))).Status);
        await using var other = Server(_prefix, allowShared: true);

        // The first instance writes in the background, so the second one may need a moment to see it.
        string? lastUsed = null;
        for (var attempt = 0; attempt < 50 && string.IsNullOrEmpty(lastUsed); attempt++)
        {
            var keys = await KeyedCall.SendAsync(other.Client.Http, CrmTestServer.ApiKey, CrmTestServer.Admin, ("command", "getkeys"));
            lastUsed = keys.Response.Json.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "ci").GetProperty("lastUsed").GetString();
            if (string.IsNullOrEmpty(lastUsed))
            {
                await Task.Delay(100);
            }
        }

        Assert.False(string.IsNullOrEmpty(lastUsed), "the other instance never saw the key's last use");
    }

    [Fact]
    public async Task With_allow_shared_off_the_shared_key_is_refused_and_named_keys_still_work()
    {
        await using var strict = Server(_prefix, allowShared: false);

        Api.AssertError((await KeyedCall.SendAsync(strict.Client.Http, CrmTestServer.ApiKey, CrmTestServer.Admin, ("command", "getcompanies"))).Response,
            "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await KeyedCall.SendAsync(strict.Client.Http, CiKey, null, ("command", "getcompanies"))).Status);
    }

    private static (string Kind, string User, string Source) Describe(System.Text.Json.JsonElement key) =>
        (key.GetProperty("kind").GetString()!, key.GetProperty("user").GetString()!, key.GetProperty("source").GetString()!);
}
