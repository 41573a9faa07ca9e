using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Crm.Storage.KeyVault;

/// <summary>Reads the current version of a Key Vault secret (the Jira token) with the app's <see cref="SecretClient"/>.</summary>
public sealed class LatestSecretReader(SecretClient client)
{
    /// <summary>The secret's current value; null when the vault has no such secret.</summary>
    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetSecretAsync(name, cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException failure) when (failure.IsSecretNotFound())
        {
            return null;
        }
    }
}
