namespace Crm.Storage.Configuration;

/// <summary>The vault holding the API keys and the Jira token. Section <c>Crm:KeyVault</c>.</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "Crm:KeyVault";

    /// <summary>e.g. <c>https://crm-prod.vault.azure.net/</c>; empty for local runs, which read secrets from configuration.</summary>
    public string? Uri { get; set; }
}
