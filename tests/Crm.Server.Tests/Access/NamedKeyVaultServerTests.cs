using System.Net;
using Azure.Security.KeyVault.Secrets;
using Crm.Core.Access;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Server.Tests.Access;

/// <summary>Named keys from Key Vault over HTTP: rotation under load, the outage bound, <c>getkeys</c> with vault versions.</summary>
public sealed class NamedKeyVaultServerTests : IAsyncLifetime
{
    private const int Clients = 16;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = Azurite.NewTablePrefix();
    private KeyVaultStandIn _vault = null!;
    private CrmTestServer _server = null!;

    public async Task InitializeAsync()
    {
        await KeyedCall.SeedUsersAsync(_prefix, ("ci-bot", CrmRights.View));
        _vault = new KeyVaultStandIn(_clock);
        _server = new CrmTestServer(
            new Dictionary<string, string?>
            {
                ["Crm:Storage:TablePrefix"] = _prefix,
                ["Crm:KeyVault:Uri"] = _vault.VaultUri.ToString(),
                // 16 clients on one key call far faster than any sensible limit; the limit has tests of its own.
                ["Crm:RateLimits:PerMinute"] = "0",
            },
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
                builder.Services.AddSingleton<SecretClient>(_vault.CreateClient());
            });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _vault.DisposeAsync();
    }

    private Task<KeyedAnswer> Call(string key, string? user = null, string command = "getcompanies") =>
        KeyedCall.SendAsync(_server.Client.Http, key, user, ("command", command));

    /// <summary>16 clients, each making <paramref name="calls"/> calls in a row with the key <paramref name="keyOf"/> gives it.</summary>
    private async Task<List<(string Key, HttpStatusCode Status)>> RoundAsync(Func<int, string> keyOf, int calls)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var mine = new List<(string, HttpStatusCode)>();
            for (var i = 0; i < calls; i++)
            {
                var key = keyOf(client);
                mine.Add((key, (await Call(key)).Status));
            }
            return mine;
        }));
        return [.. results.SelectMany(r => r)];
    }

    [Fact]
    public async Task A_named_key_rotated_while_16_clients_call_never_fails_a_valid_key_and_the_retired_version_stops_within_60_s()
    {
        var old = await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key-v1");
        Assert.Equal(HttpStatusCode.OK, (await Call("ci-key-v1")).Status);

        // 1. A new version is added while every client calls with the old one.
        var addNew = _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key-v2");
        var withOld = await RoundAsync(_ => "ci-key-v1", 10);
        await addNew;
        Assert.All(withOld, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);

        // 2. Clients switch over one by one: old and new both work meanwhile.
        var during = await RoundAsync(client => client % 2 == 0 ? "ci-key-v1" : "ci-key-v2", 10);
        Assert.All(during, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        // 3. The old version is disabled while every client calls with the new one.
        var disable = _vault.SetEnabledAsync("crm-key-ci", old, enabled: false);
        var withNew = await RoundAsync(_ => "ci-key-v2", 10);
        await disable;
        Assert.All(withNew, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        // 4. Within 60 s the retired version is refused on this instance; the new one keeps working for everyone.
        _clock.Advance(TimeSpan.FromSeconds(60) - KeyVaultApiKeyValidator.MinRefreshGap);
        var after = await RoundAsync(_ => "ci-key-v2", 5);
        Assert.All(after, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var retired = await Call("ci-key-v1");
        Api.AssertError(retired.Response, "unauthorized");
    }

    [Fact]
    public async Task Past_the_outage_bound_calls_fail_closed_with_503()
    {
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key");
        Assert.Equal(HttpStatusCode.OK, (await Call("ci-key")).Status);

        _vault.Failure = KeyVaultFailure.Unreachable;
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await Call("ci-key")).Status);

        _clock.Advance(TimeSpan.FromMinutes(31));
        var refused = await Call("ci-key");

        Api.AssertError(refused.Response, "unavailable");
        Assert.NotNull(refused.Response.RetryAfter);
        Assert.DoesNotContain("ci-key", refused.Response["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Getkeys_shows_vault_keys_with_their_valid_versions_and_dates_but_no_value()
    {
        var expires = _clock.GetUtcNow().AddDays(90);
        await _vault.AddVersionAsync("crm-api-key", "shared-vault-key");
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key-1");
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key-2", expires: expires);
        var disabled = await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-key-3");
        await _vault.SetEnabledAsync("crm-key-ci", disabled, enabled: false);
        await _vault.AddVersionAsync("crm-key-untagged", "untagged-value");

        var answer = await Call("shared-vault-key", CrmTestServer.Admin, "getkeys");

        Api.AssertSuccess(answer.Response, "keys");
        var keys = answer.Response.Json.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["crm-api-key", "ci"], keys.Select(k => k.GetProperty("name").GetString()));
        var ci = keys[1];
        Assert.Equal("keyvault", ci.GetProperty("source").GetString());
        Assert.Equal("ci-bot", ci.GetProperty("user").GetString());
        var versions = ci.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.DoesNotContain(versions, v => v.GetProperty("version").GetString() == disabled);
        Assert.All(versions, v => Assert.False(string.IsNullOrEmpty(v.GetProperty("created").GetString())));
        Assert.Equal(["", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)],
            versions.Select(v => v.GetProperty("expires").GetString()));
        foreach (var value in new[] { "shared-vault-key", "ci-key-1", "ci-key-2", "ci-key-3", "untagged-value" })
        {
            Assert.DoesNotContain(value, answer.Response.Body, StringComparison.Ordinal);
        }
    }
}
