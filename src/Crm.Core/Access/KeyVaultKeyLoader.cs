using Azure.Security.KeyVault.Secrets;
using Crm.Storage.KeyVault;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Access;

/// <summary>
/// Reads every key from Key Vault: the shared secret (<see cref="ApiKeyOptions.SecretName"/>) and the named keys
/// (secrets <c>crm-key-&lt;name&gt;</c> tagged <c>crm-user</c>). A load lists the versions of each key's secret
/// (one request each); which named secrets exist is listed again only every <see cref="DiscoveryInterval"/> or when
/// asked (an unknown key arrived). A version's value is read once and then kept, as its hash, by version.
/// Not thread-safe: its caller runs one load at a time.
/// </summary>
public sealed class KeyVaultKeyLoader(SecretVersionReader reader, ApiKeyOptions options, ILogger logger)
{
    public static readonly TimeSpan DiscoveryInterval = TimeSpan.FromMinutes(5);

    private readonly HashSet<string> _reportedUntagged = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<NamedSecret>? _named;
    private DateTimeOffset _discoveredAt;
    private Dictionary<string, byte[]> _hashByVersion = new(StringComparer.Ordinal);

    public async Task<KeyRing> LoadAsync(DateTimeOffset now, bool discover, CancellationToken cancellationToken)
    {
        if (_named is null || discover || now - _discoveredAt >= DiscoveryInterval)
        {
            _named = await DiscoverAsync(cancellationToken);
            _discoveredAt = now;
        }
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var keys = new List<ApiKey>();
        if (options.AllowShared)
        {
            keys.Add(new ApiKey(options.SecretName, ApiKeyKind.Shared, null, ApiKeySource.KeyVault,
                await ReadVersionsAsync(options.SecretName, now, hashes, cancellationToken)));
        }
        foreach (var named in _named)
        {
            keys.Add(new ApiKey(named.Name, ApiKeyKind.Named, named.User, ApiKeySource.KeyVault,
                await ReadVersionsAsync(named.Secret, now, hashes, cancellationToken)));
        }
        _hashByVersion = hashes;
        if (keys.All(k => k.Versions.Count == 0))
        {
            logger.LogWarning("Key Vault holds no usable version of {SecretName} nor of any {Prefix}* secret: every API key is refused.",
                options.SecretName, ApiKeyOptions.NamedSecretPrefix);
        }
        return new KeyRing(keys, now);
    }

    private async Task<IReadOnlyList<NamedSecret>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var named = new List<NamedSecret>();
        foreach (var secret in await reader.ListSecretsAsync(ApiKeyOptions.NamedSecretPrefix, cancellationToken))
        {
            var name = secret.Name[ApiKeyOptions.NamedSecretPrefix.Length..];
            if (secret.Tags.TryGetValue(ApiKeyOptions.UserTag, out var user) && !string.IsNullOrWhiteSpace(user) && name.Length > 0)
            {
                named.Add(new NamedSecret(secret.Name, name, user.Trim()));
            }
            else if (_reportedUntagged.Add(secret.Name))
            {
                logger.LogWarning("The Key Vault secret {SecretName} is ignored: a named key needs the tag {Tag} naming the user it acts as.",
                    secret.Name, ApiKeyOptions.UserTag);
            }
        }
        return named;
    }

    private async Task<IReadOnlyList<ApiKeyVersion>> ReadVersionsAsync(
        string secretName, DateTimeOffset now, Dictionary<string, byte[]> hashes, CancellationToken cancellationToken)
    {
        var versions = new List<ApiKeyVersion>();
        foreach (var properties in await reader.ListUsableVersionsAsync(secretName, now, cancellationToken))
        {
            var id = secretName + "/" + properties.Version;
            if (!_hashByVersion.TryGetValue(id, out var hash))
            {
                hash = KeyHash.Of(await reader.ReadValueAsync(secretName, properties.Version, cancellationToken));
            }
            hashes[id] = hash;
            versions.Add(ToVersion(properties, hash));
        }
        return versions;
    }

    private static ApiKeyVersion ToVersion(SecretProperties properties, byte[] hash) =>
        new(properties.Version, hash, properties.CreatedOn, properties.NotBefore, properties.ExpiresOn);

    private sealed record NamedSecret(string Secret, string Name, string User);
}
