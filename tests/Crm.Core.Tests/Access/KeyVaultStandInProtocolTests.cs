using Azure;
using Crm.TestSupport.KeyVault;

namespace Crm.Core.Tests.Access;

/// <summary>The stand-in behaves like Key Vault towards the real SecretClient (challenge, paging, attributes, errors).</summary>
public sealed class KeyVaultStandInProtocolTests : IAsyncLifetime
{
    private readonly KeyVaultStandIn _vault = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task The_client_is_challenged_once_then_sends_its_token()
    {
        var client = _vault.CreateClient();
        await client.SetSecretAsync("s", "v1");
        var secret = await client.GetSecretAsync("s");

        Assert.Equal("v1", secret.Value.Value);
        Assert.Equal(1, _vault.Calls.Challenges);
        Assert.StartsWith(_vault.VaultUri.ToString().TrimEnd('/'), secret.Value.Id.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_are_listed_across_pages_with_their_attributes()
    {
        var client = _vault.CreateClient();
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var secret = new Azure.Security.KeyVault.Secrets.KeyVaultSecret("paged", "v" + i);
            secret.Properties.ExpiresOn = expires;
            ids.Add((await client.SetSecretAsync(secret)).Value.Properties.Version);
        }
        _vault.ResetCounts();

        var listed = new List<Azure.Security.KeyVault.Secrets.SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync("paged"))
        {
            listed.Add(properties);
        }

        Assert.Equal(ids, listed.Select(p => p.Version));
        Assert.All(listed, p => Assert.Equal(expires.ToUnixTimeSeconds(), p.ExpiresOn!.Value.ToUnixTimeSeconds()));
        Assert.All(listed, p => Assert.True(p.Enabled));
        Assert.Equal(3, _vault.Calls.VersionPages);
    }

    [Fact]
    public async Task A_disabled_version_cannot_be_read_and_a_missing_secret_is_not_found()
    {
        var version = await _vault.AddVersionAsync("d", "value");
        await _vault.SetEnabledAsync("d", version, enabled: false);
        var client = _vault.CreateClient();

        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("d", version));
        Assert.Equal(403, disabled.Status);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("nothing-here"));
        Assert.Equal(404, missing.Status);
        Assert.Equal("SecretNotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task A_failing_vault_answers_500_or_cannot_be_reached()
    {
        var client = _vault.CreateClient();
        _vault.Failure = KeyVaultFailure.ServerError;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("x"));
        Assert.Equal(500, error.Status);

        _vault.Failure = KeyVaultFailure.Unreachable;
        await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("x"));
        Assert.Equal(2, _vault.Calls.Failed);
    }
}
