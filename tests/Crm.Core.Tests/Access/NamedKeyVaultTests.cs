using Crm.Core.Access;
using Crm.Core.Errors;
using Crm.Storage.KeyVault;
using Crm.TestSupport.KeyVault;
using Crm.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Core.Tests.Access;

/// <summary>Named keys (secrets <c>crm-key-&lt;name&gt;</c> tagged <c>crm-user</c>), staleness and the outage bound, through the real SecretClient.</summary>
public sealed class NamedKeyVaultTests : IAsyncLifetime
{
    private const string Shared = "crm-api-key";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private readonly KeyVaultStandIn _vault;

    public NamedKeyVaultTests() => _vault = new KeyVaultStandIn(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private KeyVaultApiKeyValidator Validator(bool allowShared = true) => new(
        new SecretVersionReader(_vault.CreateClient()),
        Options.Create(new ApiKeyOptions { SecretName = Shared, AllowShared = allowShared }),
        _clock,
        new LoggerFactory([_logs]).CreateLogger<KeyVaultApiKeyValidator>());

    private static Task<ApiKey?> Match(KeyVaultApiKeyValidator validator, string key) => validator.MatchAsync(key, CancellationToken.None).AsTask();

    [Fact]
    public async Task A_tagged_crm_key_secret_is_a_named_key_bound_to_its_user()
    {
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "named-ci-value");
        await _vault.AddVersionAsync(Shared, "shared-value");
        var validator = Validator();

        var named = await Match(validator, "named-ci-value");
        var shared = await Match(validator, "shared-value");

        Assert.NotNull(named);
        Assert.Equal(("ci", ApiKeyKind.Named, "ci-bot", ApiKeySource.KeyVault), (named.Name, named.Kind, named.User, named.Source));
        Assert.NotNull(shared);
        Assert.Equal((Shared, ApiKeyKind.Shared, (string?)null), (shared.Name, shared.Kind, shared.User));
        Assert.Null(await Match(validator, "named-ci-valu"));
    }

    [Fact]
    public async Task A_crm_key_secret_without_the_user_tag_is_ignored_and_logged()
    {
        await _vault.AddVersionAsync("crm-key-orphan", "orphan-value");
        await _vault.AddNamedKeyVersionAsync("ok", "someone", "ok-value");
        var validator = Validator();

        Assert.Null(await Match(validator, "orphan-value"));
        Assert.NotNull(await Match(validator, "ok-value"));
        Assert.Contains(_logs.Lines, l => l.Contains("crm-key-orphan", StringComparison.Ordinal) && l.Contains("crm-user", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("orphan-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_named_key_created_after_start_works_on_first_use()
    {
        await _vault.AddVersionAsync(Shared, "shared-value");
        var validator = Validator();
        Assert.NotNull(await Match(validator, "shared-value"));

        await _vault.AddNamedKeyVersionAsync("late", "late-user", "late-value");
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);

        Assert.Equal("late-user", (await Match(validator, "late-value"))?.User);
    }

    [Fact]
    public async Task A_disabled_version_of_a_named_key_stops_within_60_seconds_while_its_new_version_works()
    {
        var old = await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-old");
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-new");
        var validator = Validator();
        Assert.NotNull(await Match(validator, "ci-old"));

        await _vault.SetEnabledAsync("crm-key-ci", old, enabled: false);
        _clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await Match(validator, "ci-old"));
        Assert.NotNull(await Match(validator, "ci-new"));
    }

    [Fact]
    public async Task An_expired_named_key_version_is_refused_at_the_moment_it_expires()
    {
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-short", expires: _clock.GetUtcNow().AddSeconds(10));
        var validator = Validator();
        Assert.NotNull(await Match(validator, "ci-short"));
        _vault.Failure = KeyVaultFailure.Unreachable;

        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(await Match(validator, "ci-short"));
    }

    [Theory]
    [InlineData(KeyVaultFailure.Unreachable)]
    [InlineData(KeyVaultFailure.Throttled)]
    public async Task Keys_read_before_the_vault_failed_are_trusted_up_to_the_outage_bound_then_refused_with_503(KeyVaultFailure failure)
    {
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-value");
        var validator = Validator();
        Assert.NotNull(await Match(validator, "ci-value"));

        _vault.Failure = failure;
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await Match(validator, "ci-value"));
        Assert.True(_vault.Calls.Failed > 0, "the refresh should have been tried");

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<CrmException>(() => Match(validator, "ci-value"));
        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.NotNull(error.RetryAfter);
        Assert.DoesNotContain("ci-value", error.Details, StringComparison.Ordinal);

        _vault.Failure = KeyVaultFailure.None;
        _clock.Advance(KeyVaultApiKeyValidator.MinRefreshGap);
        Assert.NotNull(await Match(validator, "ci-value"));
    }

    [Fact]
    public async Task With_the_shared_key_turned_off_its_secret_is_not_read_and_its_value_refused()
    {
        await _vault.AddVersionAsync(Shared, "shared-value");
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-value");
        var validator = Validator(allowShared: false);

        Assert.Null(await Match(validator, "shared-value"));
        Assert.NotNull(await Match(validator, "ci-value"));
        Assert.DoesNotContain(await validator.ListAsync(CancellationToken.None), k => k.Kind == ApiKeyKind.Shared);
    }

    [Fact]
    public async Task A_thousand_requests_a_minute_with_two_keys_cost_at_most_two_vault_calls()
    {
        await _vault.AddVersionAsync(Shared, "shared-value");
        await _vault.AddNamedKeyVersionAsync("ci", "ci-bot", "ci-value");
        var validator = Validator();
        Assert.NotNull(await Match(validator, "ci-value"));
        _vault.ResetCounts();

        // 1,000 requests spread evenly over one minute: the set is re-read once (one version listing per key).
        for (var i = 0; i < 1000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(60));
            Assert.NotNull(await Match(validator, i % 2 == 0 ? "ci-value" : "shared-value"));
        }

        Assert.InRange(_vault.Calls.Total, 1, 2);
        Assert.Equal(0, _vault.Calls.ValueReads);
    }
}
