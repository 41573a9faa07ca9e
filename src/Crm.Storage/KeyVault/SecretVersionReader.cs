using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Crm.Storage.KeyVault;

/// <summary>
/// Reads Key Vault secrets for the API keys: which secrets have a name prefix (with their current tags), which versions
/// of a secret are usable now (enabled, active, not expired), and the value of a version. A version's value never
/// changes, so callers may cache it by version.
/// </summary>
public sealed class SecretVersionReader(SecretClient client)
{
    /// <summary>The usable versions at <paramref name="now"/> with their attributes; empty when the secret does not exist.</summary>
    public async Task<IReadOnlyList<SecretProperties>> ListUsableVersionsAsync(string secretName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var versions = new List<SecretProperties>();
        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(secretName, cancellationToken))
            {
                if (IsUsable(properties, now) && properties.Version is { Length: > 0 })
                {
                    versions.Add(properties);
                }
            }
        }
        catch (RequestFailedException failure) when (failure.IsSecretNotFound())
        {
            return [];
        }
        return versions;
    }

    /// <summary>Every secret whose name starts with <paramref name="prefix"/> (case-insensitively), with the tags of its current version.</summary>
    public async Task<IReadOnlyList<SecretProperties>> ListSecretsAsync(string prefix, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken))
        {
            if (properties.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                secrets.Add(properties);
            }
        }
        return secrets;
    }

    public async Task<string> ReadValueAsync(string secretName, string version, CancellationToken cancellationToken) =>
        (await client.GetSecretAsync(secretName, version, cancellationToken)).Value.Value;

    public static bool IsUsable(SecretProperties properties, DateTimeOffset now) =>
        properties.Enabled == true
        && (properties.NotBefore is not { } notBefore || notBefore <= now)
        && (properties.ExpiresOn is not { } expires || expires > now);
}
