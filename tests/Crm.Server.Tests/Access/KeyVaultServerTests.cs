using System.Net;
using Azure.Security.KeyVault.Secrets;
using Crm.Core.Access;
using Crm.TestSupport;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Server.Tests.Access;

/// <summary>The server with <c>Crm:KeyVault:Uri</c> set takes its keys from the vault (the stand-in, through the real SecretClient).</summary>
public sealed class KeyVaultServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private KeyVaultStandIn _vault = null!;
    private CrmTestServer _server = null!;

    public Task InitializeAsync()
    {
        _vault = new KeyVaultStandIn(_clock);
        _server = new CrmTestServer(
            new Dictionary<string, string?> { ["Crm:KeyVault:Uri"] = _vault.VaultUri.ToString() },
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
                builder.Services.AddSingleton<SecretClient>(_vault.CreateClient());
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _vault.DisposeAsync();
    }

    private Task<CrmResponse> CallWithKeyAsync(string key) =>
        _server.Client.SendAsync(HttpMethod.Get, [("apiKey", key), ("userName", CrmTestServer.Admin), ("command", "getcompanies")], withCredentials: false);

    [Fact]
    public async Task Rotation_without_downtime_over_http()
    {
        var old = await _vault.AddVersionAsync("crm-api-key", "vault-key-old");
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key-old")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithKeyAsync(CrmTestServer.ApiKey)).Status); // Crm:ApiKeys:Local is not used with a vault

        await _vault.AddVersionAsync("crm-api-key", "vault-key-new");
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key-new")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key-old")).Status);

        await _vault.SetEnabledAsync("crm-api-key", old, enabled: false);
        _clock.Advance(KeyVaultApiKeyValidator.RefreshInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithKeyAsync("vault-key-old")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key-new")).Status);
    }

    [Fact]
    public async Task A_vault_that_cannot_be_reached_before_any_key_was_read_gives_503_with_retry_after()
    {
        await _vault.AddVersionAsync("crm-api-key", "vault-key");
        _vault.Failure = KeyVaultFailure.Unreachable;

        var response = await CallWithKeyAsync("vault-key");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("unavailable", response.Code);
        Assert.NotNull(response.RetryAfter);
        Assert.DoesNotContain("vault-key", response.Body, StringComparison.Ordinal);

        _vault.Failure = KeyVaultFailure.None;
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key")).Status);
    }

    [Fact]
    public async Task A_failing_vault_does_not_stop_callers_with_a_cached_key()
    {
        await _vault.AddVersionAsync("crm-api-key", "vault-key");
        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key")).Status);

        _vault.Failure = KeyVaultFailure.ServerError;
        _clock.Advance(KeyVaultApiKeyValidator.RefreshInterval);

        Assert.Equal(HttpStatusCode.OK, (await CallWithKeyAsync("vault-key")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithKeyAsync("some-other-key")).Status);
    }
}
