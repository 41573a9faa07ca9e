using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Crm.Storage.Configuration;

namespace Crm.Storage.KeyVault;

/// <summary>The production <see cref="SecretClient"/>: the configured vault, the managed identity (DefaultAzureCredential).</summary>
public static class SecretClients
{
    public static bool IsConfigured(KeyVaultOptions options) => !string.IsNullOrWhiteSpace(options.Uri);

    public static SecretClient Create(KeyVaultOptions options)
    {
        if (!IsConfigured(options))
        {
            throw new InvalidOperationException($"Set {KeyVaultOptions.SectionName}:Uri to use Key Vault.");
        }
        var clientOptions = new SecretClientOptions();
        // A request waiting for an unknown key's refresh should not hang for the SDK's default ~1 minute of retries.
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(300);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return new SecretClient(new Uri(options.Uri!), new DefaultAzureCredential(), clientOptions);
    }
}
