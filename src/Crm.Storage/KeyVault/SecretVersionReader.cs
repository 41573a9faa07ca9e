using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Crm.Storage.KeyVault;

/// <summary>
/// Reads the versions of one Key Vault secret: which of them are usable now (enabled, active, not expired),
/// and the value of a version. A version's value never changes, so callers may cache it by version.
/// </summary>
public sealed class SecretVersionReader(SecretClient client)
{
    /// <summary>The version ids that are enabled, already active (<c>nbf</c>) and not expired (<c>exp</c>) at <paramref name="now"/>; empty when the secret does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListUsableVersionsAsync(string secretName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(secretName, cancellationToken))
            {
                if (IsUsable(properties, now) && properties.Version is { Length: > 0 } version)
                {
                    versions.Add(version);
                }
            }
        }
        catch (RequestFailedException failure) when (failure.IsSecretNotFound())
        {
            return [];
        }
        return versions;
    }

    public async Task<string> ReadValueAsync(string secretName, string version, CancellationToken cancellationToken) =>
        (await client.GetSecretAsync(secretName, version, cancellationToken)).Value.Value;

    public static bool IsUsable(SecretProperties properties, DateTimeOffset now) =>
        properties.Enabled == true
        && (properties.NotBefore is not { } notBefore || notBefore <= now)
        && (properties.ExpiresOn is not { } expires || expires > now);
}
