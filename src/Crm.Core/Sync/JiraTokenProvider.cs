using Crm.Storage.Configuration;
using Crm.Storage.Secrets;
using Microsoft.Extensions.Options;

namespace Crm.Core.Sync;

/// <summary>The Jira token: from configuration locally, else the Key Vault secret (read per run, so a rotated token is used at the next run).</summary>
public sealed class JiraTokenProvider(IOptions<JiraOptions> jira, LatestSecretReader secrets)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(jira.Value.Token) || secrets.IsConfigured;

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
            token = await secrets.ReadAsync(jira.Value.TokenSecretName, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new DirectoryUnavailableException($"The Jira token could not be read from Key Vault ({failure.Message}).", failure);
        }
        return string.IsNullOrEmpty(token)
            ? throw new DirectoryUnavailableException($"Key Vault has no secret '{jira.Value.TokenSecretName}' holding the Jira token.")
            : token;
    }
}
