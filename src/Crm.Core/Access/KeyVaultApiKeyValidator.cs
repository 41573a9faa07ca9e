using Crm.Core.Errors;
using Crm.Storage.KeyVault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>
/// The valid keys are the usable versions of the Key Vault secret (spec §2). Only their hashes are held.
/// The set is refreshed every <see cref="RefreshInterval"/>, and at once when an unknown key arrives, but
/// never more often than once per <see cref="MinRefreshGap"/> (one refresh in flight, shared by every
/// waiting request), so a new version works on first use and a flood of wrong keys cannot flood the vault.
/// When the vault fails, the last set stays in use; without any set the answer is <c>unavailable</c>.
/// </summary>
public sealed class KeyVaultApiKeyValidator(
    SecretVersionReader reader,
    IOptions<ApiKeyOptions> options,
    TimeProvider clock,
    ILogger<KeyVaultApiKeyValidator> logger) : IApiKeyValidator
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinRefreshGap = TimeSpan.FromSeconds(5);

    /// <summary>How long a request with a cached set waits for a slow vault before it is answered from the cache.</summary>
    public static readonly TimeSpan MaxWaitWithCachedKeys = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private readonly string _secretName = options.Value.SecretName;
    private volatile KeySet? _keys;
    private Task? _refreshing;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    // Values of a version never change: each version's value is read from the vault once.
    private Dictionary<string, byte[]> _hashByVersion = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsValidAsync(string key, CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is null || clock.GetUtcNow() - keys.LoadedAt >= RefreshInterval)
        {
            await RefreshAsync(keys is not null, cancellationToken);
            keys = _keys;
        }
        if (keys is not null && KeyHash.AnyMatches(keys.Hashes, key))
        {
            return true;
        }
        // Unknown key: maybe a version added since the last refresh.
        await RefreshAsync(keys is not null, cancellationToken);
        keys = _keys ?? throw CrmException.Unavailable("The API keys could not be read from Key Vault. Try again shortly.");
        return KeyHash.AnyMatches(keys.Hashes, key);
    }

    private async Task RefreshAsync(bool haveKeys, CancellationToken cancellationToken)
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
                _refreshing = LoadAsync();
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

    private async Task LoadAsync()
    {
        try
        {
            var now = clock.GetUtcNow();
            var versions = await reader.ListUsableVersionsAsync(_secretName, now, CancellationToken.None);
            var known = _hashByVersion;
            var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var version in versions)
            {
                hashes[version] = known.TryGetValue(version, out var hash)
                    ? hash
                    : KeyHash.Of(await reader.ReadValueAsync(_secretName, version, CancellationToken.None));
            }
            _hashByVersion = hashes;
            _keys = new KeySet([.. hashes.Values], now);
            if (hashes.Count == 0)
            {
                logger.LogWarning("Key Vault holds no usable version of the secret {SecretName}: every API key is refused.", _secretName);
            }
        }
#pragma warning disable CA1031 // Any vault failure must leave the cached keys in service; the reason is logged.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogWarning("Reading the API keys from Key Vault failed; {State}. Reason: {Reason}",
                _keys is null ? "no keys are cached, requests get 503" : "the cached keys stay in use", failure.Message);
        }
    }

    private sealed record KeySet(byte[][] Hashes, DateTimeOffset LoadedAt);
}
