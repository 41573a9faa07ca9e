using Azure;
using Azure.Security.KeyVault.Secrets;
using Crm.TestSupport.KeyVault;

namespace Crm.Core.Tests.Access;

/// <summary>The stand-in's tags (per version; the secrets listing shows the current version's) and its 429, through the real SecretClient.</summary>
public sealed class KeyVaultStandInTagsAndThrottlingTests : IAsyncLifetime
{
    private readonly KeyVaultStandIn _vault = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Secrets_are_listed_across_pages_with_the_tags_of_their_current_version()
    {
        await _vault.AddNamedKeyVersionAsync("a", "first-user", "a1");
        await _vault.AddNamedKeyVersionAsync("a", "second-user", "a2");
        await _vault.AddVersionAsync("crm-key-b", "b1");
        await _vault.AddNamedKeyVersionAsync("c", "c-user", "c1");
        var client = _vault.CreateClient();
        _vault.ResetCounts();

        var listed = new List<SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync())
        {
            listed.Add(properties);
        }

        Assert.Equal(["crm-key-a", "crm-key-b", "crm-key-c"], listed.Select(p => p.Name));
        Assert.Equal(["second-user", null, "c-user"], listed.Select(p => p.Tags.TryGetValue("crm-user", out var user) ? user : null));
        Assert.All(listed, p => Assert.NotNull(p.CreatedOn));
        Assert.Equal(1, _vault.Calls.SecretListings);
        var versions = new List<SecretProperties>();
        await foreach (var version in client.GetPropertiesOfSecretVersionsAsync("crm-key-a"))
        {
            versions.Add(version);
        }
        Assert.Equal(["first-user", "second-user"], versions.Select(v => v.Tags["crm-user"]));
    }

    [Fact]
    public async Task A_throttled_vault_answers_429_with_retry_after_and_its_error_code()
    {
        await _vault.AddVersionAsync("s", "value");
        var client = _vault.CreateClient();
        _vault.Failure = KeyVaultFailure.Throttled;

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("s"));

        Assert.Equal(429, failure.Status);
        Assert.Equal("Throttled", failure.ErrorCode);
        Assert.True(failure.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true && retryAfter == "10");
        Assert.True(_vault.Calls.Failed > 0);
    }
}
