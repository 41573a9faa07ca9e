using Crm.Core.Errors;
using Crm.Storage.KeyVault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>
/// The valid keys are the usable versions of the Key Vault secrets (<see cref="KeyVaultKeyLoader"/>); only their hashes are held.
/// The set is re-read when a request finds it older than <see cref="RefreshInterval"/> (so a disabled version stops within a
/// minute), and at once when an unknown key arrives, but never more often than once per <see cref="MinRefreshGap"/> (one
/// refresh in flight, shared by every waiting request), so a new version works on first use and a flood of wrong keys
/// cannot flood the vault. Expiry is checked at every call. When the vault fails, the last set stays in use for
/// <see cref="ApiKeyOptions.MaxVaultOutage"/>; after that, or without any set, the answer is <c>unavailable</c>.
/// </summary>
public sealed class KeyVaultApiKeyValidator(
    SecretVersionReader reader,
    IOptions<ApiKeyOptions> options,
    TimeProvider clock,
    ILogger<KeyVaultApiKeyValidator> logger) : IApiKeyValidator
{
    /// <summary>Below 60 s by more than <see cref="MaxWaitWithCachedKeys"/>, so a revoked version is refused within a minute.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan MinRefreshGap = TimeSpan.FromSeconds(5);

    /// <summary>How long a request with a cached set waits for a slow vault before it is answered from the cache.</summary>
    public static readonly TimeSpan MaxWaitWithCachedKeys = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private readonly KeyVaultKeyLoader _loader = new(reader, options.Value, logger);
    private readonly TimeSpan _maxOutage = options.Value.MaxVaultOutage;
    private volatile KeyRing? _ring;
    private Task? _refreshing;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public async ValueTask<ApiKey?> MatchAsync(string key, CancellationToken cancellationToken)
    {
        var ring = await CurrentAsync(cancellationToken);
        if (ring.Match(key, clock.GetUtcNow()) is { } known)
        {
            return known;
        }
        // Unknown key: maybe a version or a named key added since the last refresh.
        await RefreshAsync(haveKeys: true, discover: true, cancellationToken);
        return Trusted().Match(key, clock.GetUtcNow());
    }

    public async ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).Keys;

    private async ValueTask<KeyRing> CurrentAsync(CancellationToken cancellationToken)
    {
        var ring = _ring;
        if (ring is null || clock.GetUtcNow() - ring.LoadedAt >= RefreshInterval)
        {
            await RefreshAsync(ring is not null, discover: false, cancellationToken);
        }
        return Trusted();
    }

    /// <summary>The last set read, unless the vault has failed for longer than the outage bound: then no key is trusted.</summary>
    private KeyRing Trusted()
    {
        var ring = _ring ?? throw CrmException.Unavailable("The API keys could not be read from Key Vault. Try again shortly.");
        if (clock.GetUtcNow() - ring.LoadedAt > _maxOutage)
        {
            throw CrmException.Unavailable($"Key Vault has not answered for more than {_maxOutage.TotalMinutes:0} minutes: API keys are refused until it does. Try again later.");
        }
        return ring;
    }

    private async Task RefreshAsync(bool haveKeys, bool discover, CancellationToken cancellationToken)
    {
        Task refresh;
        lock (_lock)
        {
            if (_refreshing is not { IsCompleted: false })
            {
                var now = clock.GetUtcNow();
                if (now - _lastAttempt < MinRefreshGap)
                {
                    return;
                }
                _lastAttempt = now;
                _refreshing = LoadAsync(discover);
            }
            refresh = _refreshing;
        }
        if (haveKeys)
        {
            // Serving from the cached set beats waiting long for a slow vault; the refresh carries on meanwhile.
            try
            {
                await refresh.WaitAsync(MaxWaitWithCachedKeys, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Key Vault is slow to answer; this request is checked against the cached keys.");
            }
        }
        else
        {
            await refresh.WaitAsync(cancellationToken);
        }
    }

    private async Task LoadAsync(bool discover)
    {
        try
        {
            _ring = await _loader.LoadAsync(clock.GetUtcNow(), discover, CancellationToken.None);
        }
#pragma warning disable CA1031 // Any vault failure must leave the cached keys in service (within the outage bound); the reason is logged.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogWarning("Reading the API keys from Key Vault failed; {State}. Reason: {Reason}",
                _ring is null ? "no keys are cached, requests get 503" : $"the cached keys stay in use for up to {_maxOutage} after the last success",
                failure.Message);
        }
    }
}
