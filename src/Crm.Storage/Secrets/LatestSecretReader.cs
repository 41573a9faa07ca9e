using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Crm.Storage.Configuration;

namespace Crm.Storage.Secrets;

/// <summary>Reads the current version of a Key Vault secret (the Jira token), with the managed identity in Azure.</summary>
public sealed class LatestSecretReader(KeyVaultOptions options, TokenCredential? credential = null, SecretClientOptions? clientOptions = null)
{
    private readonly Lazy<SecretClient?> _client = new(() => string.IsNullOrWhiteSpace(options.Uri)
        ? null
        : new SecretClient(new Uri(options.Uri), credential ?? new DefaultAzureCredential(), clientOptions ?? new SecretClientOptions()));

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Uri);

    /// <summary>The secret's current value; null when the vault has no such secret.</summary>
    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var client = _client.Value ?? throw new InvalidOperationException($"Set {KeyVaultOptions.SectionName}:Uri to read secrets from Key Vault.");
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
            return secret.Value.Value;
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return null;
        }
    }
}
