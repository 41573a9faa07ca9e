using Crm.Storage.Configuration;
using Crm.Storage.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Core.Sync;

/// <summary>
/// The Jira token: from configuration locally, else the Key Vault secret, read at every run so a rotated
/// token is used from the next run on. The vault client is resolved only when needed (it cannot be built
/// without a vault URI).
/// </summary>
public sealed class JiraTokenProvider(IOptions<JiraOptions> jira, IOptions<KeyVaultOptions> vault, IServiceProvider services)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(jira.Value.Token) || SecretClients.IsConfigured(vault.Value);

    public string WhereConfigured =>
        $"{JiraOptions.SectionName}:Token (local) or the Key Vault secret {jira.Value.TokenSecretName} ({KeyVaultOptions.SectionName}:Uri)";

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(jira.Value.Token))
        {
            return jira.Value.Token;
        }
        string? token;
        try
        {
            token = await services.GetRequiredService<LatestSecretReader>().ReadAsync(jira.Value.TokenSecretName, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new DirectoryUnavailableException("The Jira token could not be read from Key Vault.", $"The Jira token could not be read from Key Vault ({failure.Message}).", failure);
        }
        return string.IsNullOrEmpty(token)
            ? throw new DirectoryUnavailableException($"Key Vault has no usable secret '{jira.Value.TokenSecretName}' holding the Jira token.")
            : token;
    }
}
