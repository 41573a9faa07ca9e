using Crm.Core.Access;
using Crm.Core.Errors;
using Crm.Storage.KeyVault;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Core.Tests.Access;

/// <summary>The Key Vault key source with the real SecretClient against the in-process vault; time is faked, never slept.</summary>
public sealed class KeyVaultApiKeyValidatorTests : IAsyncLifetime
{
    private const string Secret = "crm-api-key";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly KeyVaultStandIn _vault;
    private readonly KeyVaultApiKeyValidator _validator;

    public KeyVaultApiKeyValidatorTests()
    {
        _vault = new KeyVaultStandIn(_clock);
        _validator = new KeyVaultApiKeyValidator(
            new SecretVersionReader(_vault.CreateClient()),
            Options.Create(new ApiKeyOptions { SecretName = Secret }),
            _clock,
            NullLogger<KeyVaultApiKeyValidator>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private async ValueTask<bool> IsValid(string key) => await _validator.MatchAsync(key, CancellationToken.None) is not null;

    [Fact]
    public async Task During_rotation_the_old_and_the_new_version_are_both_valid()
    {
        await _vault.AddVersionAsync(Secret, "key-old");
        Assert.True(await IsValid("key-old"));

        await _vault.AddVersionAsync(Secret, "key-new");
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);

        Assert.True(await IsValid("key-new"));
        Assert.True(await IsValid("key-old"));
        Assert.False(await IsValid("key-other"));
    }

    [Fact]
    public async Task A_brand_new_version_is_accepted_on_first_use_without_waiting_for_the_periodic_refresh()
    {
        await _vault.AddVersionAsync(Secret, "key-one");
        Assert.True(await IsValid("key-one"));
        var listings = _vault.Calls.VersionListings;

        await _vault.AddVersionAsync(Secret, "key-two");
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);

        Assert.True(KeyVaultApiKeyValidator.MinRefreshGap < KeyVaultApiKeyValidator.RefreshInterval);
        Assert.True(await IsValid("key-two"));
        Assert.Equal(listings + 1, _vault.Calls.VersionListings);
    }

    [Fact]
    public async Task A_disabled_version_is_refused_within_the_refresh_interval()
    {
        var old = await _vault.AddVersionAsync(Secret, "key-old");
        await _vault.AddVersionAsync(Secret, "key-new");
        Assert.True(await IsValid("key-old"));

        await _vault.SetEnabledAsync(Secret, old, enabled: false);
        _clock.Advance(KeyVaultApiKeyValidator.RefreshInterval);

        Assert.False(await IsValid("key-old"));
        Assert.True(await IsValid("key-new"));
    }

    [Fact]
    public async Task Not_yet_active_expired_and_disabled_versions_are_refused()
    {
        var now = _clock.GetUtcNow();
        await _vault.AddVersionAsync(Secret, "key-future", notBefore: now.AddHours(1));
        await _vault.AddVersionAsync(Secret, "key-expired", expires: now.AddMinutes(-1));
        await _vault.AddVersionAsync(Secret, "key-disabled", enabled: false);
        await _vault.AddVersionAsync(Secret, "key-current", notBefore: now.AddMinutes(-1), expires: now.AddDays(30));

        Assert.True(await IsValid("key-current"));
        Assert.False(await IsValid("key-future"));
        Assert.False(await IsValid("key-expired"));
        Assert.False(await IsValid("key-disabled"));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await IsValid("key-future"));
    }

    [Fact]
    public async Task A_version_that_expires_is_refused_from_that_moment_without_waiting_for_a_refresh()
    {
        await _vault.AddVersionAsync(Secret, "key-short", expires: _clock.GetUtcNow().AddSeconds(20));
        Assert.True(await IsValid("key-short"));
        // No refresh can succeed from here on: a refusal can only come from the expiry kept beside the hash.
        _vault.Failure = KeyVaultFailure.Unreachable;

        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.True(await IsValid("key-short"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await IsValid("key-short"));
    }

    [Fact]
    public async Task Every_page_of_versions_is_read()
    {
        for (var i = 0; i < 5; i++)
        {
            await _vault.AddVersionAsync(Secret, $"key-{i}");
        }
        _vault.ResetCounts();

        Assert.True(await IsValid("key-4"));
        Assert.True(await IsValid("key-0"));

        Assert.Equal(1, _vault.Calls.VersionListings);
        Assert.Equal(3, _vault.Calls.VersionPages); // 5 versions, 2 per page
        Assert.Equal(5, _vault.Calls.ValueReads);
    }

    [Theory]
    [InlineData(KeyVaultFailure.ServerError)]
    [InlineData(KeyVaultFailure.Unreachable)]
    public async Task When_the_vault_fails_the_cached_keys_still_work(KeyVaultFailure failure)
    {
        await _vault.AddVersionAsync(Secret, "key-cached");
        Assert.True(await IsValid("key-cached"));

        _vault.Failure = failure;
        _clock.Advance(KeyVaultApiKeyValidator.RefreshInterval);

        Assert.True(await IsValid("key-cached"));
        Assert.False(await IsValid("key-unknown"));
        Assert.True(_vault.Calls.Failed > 0, "the refresh should have been tried");
    }

    [Theory]
    [InlineData(KeyVaultFailure.ServerError)]
    [InlineData(KeyVaultFailure.Unreachable)]
    public async Task Without_cached_keys_a_failing_vault_gives_unavailable_with_retry_after(KeyVaultFailure failure)
    {
        await _vault.AddVersionAsync(Secret, "key-one");
        _vault.Failure = failure;

        var error = await Assert.ThrowsAsync<CrmException>(async () => await IsValid("key-one"));
        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.NotNull(error.RetryAfter);
        Assert.DoesNotContain("key-one", error.Details, StringComparison.Ordinal);

        _vault.Failure = KeyVaultFailure.None;
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);
        Assert.True(await IsValid("key-one"));
    }

    [Fact]
    public async Task A_thousand_requests_with_a_valid_key_read_the_vault_at_most_twice()
    {
        await _vault.AddVersionAsync(Secret, "key-a");
        await _vault.AddVersionAsync(Secret, "key-b");
        await _vault.AddVersionAsync(Secret, "key-c");
        _vault.ResetCounts();

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => IsValid("key-b").AsTask()));

        Assert.All(results, Assert.True);
        Assert.InRange(_vault.Calls.VersionListings, 1, 2);
        Assert.InRange(_vault.Calls.ValueReads, 1, 3);
    }

    [Fact]
    public async Task A_thousand_wrong_keys_cause_at_most_one_refresh_per_rate_limit_window()
    {
        await _vault.AddVersionAsync(Secret, "key-real");
        Assert.True(await IsValid("key-real"));
        _vault.ResetCounts();

        for (var window = 1; window <= 3; window++)
        {
            _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);
            var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => IsValid(Guid.NewGuid().ToString("N")).AsTask()));

            Assert.All(results, Assert.False);
            Assert.InRange(_vault.Calls.VersionListings, 1, window);
        }
        // The version's value was read once, before the counting started: refreshes only list versions.
        Assert.Equal(0, _vault.Calls.ValueReads);
    }

    [Fact]
    public async Task Wrong_keys_within_one_window_do_not_reach_the_vault_again()
    {
        await _vault.AddVersionAsync(Secret, "key-real");
        Assert.True(await IsValid("key-real"));
        var before = _vault.Calls.Total;

        for (var i = 0; i < 50; i++)
        {
            Assert.False(await IsValid("wrong-" + i));
        }

        Assert.Equal(before, _vault.Calls.Total);
    }
}
