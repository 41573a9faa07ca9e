using Crm.Storage.Configuration;

namespace Crm.Core.Access;

/// <summary>Section <c>Crm:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Crm:ApiKeys";

    /// <summary>Key Vault secrets whose name starts with this are named keys; the rest of the name is the key's name.</summary>
    public const string NamedSecretPrefix = "crm-key-";

    /// <summary>The tag of a named key's secret that holds the login the key acts as.</summary>
    public const string UserTag = "crm-user";

    /// <summary>The Key Vault secret whose enabled, active, unexpired versions are the valid shared keys.</summary>
    public string SecretName { get; set; } = "crm-api-key";

    /// <summary>Whether the shared key (which acts as any user it names) is accepted; true for compatibility with CRM for Jira.</summary>
    public bool AllowShared { get; set; } = true;

    /// <summary>How long Key Vault may stay unreachable before the keys last read from it stop being trusted (503).</summary>
    public TimeSpan MaxVaultOutage { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Valid shared keys when no vault is configured (local runs).</summary>
    [LocalOnlySetting]
    public IList<string> Local { get; } = [];

    /// <summary>Named keys when no vault is configured: <c>Named:&lt;name&gt;:Key</c> and <c>Named:&lt;name&gt;:User</c>.</summary>
    [LocalOnlySetting]
    public IDictionary<string, NamedKeyOptions> Named { get; } = new Dictionary<string, NamedKeyOptions>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One configured named key: its value and the login it acts as.</summary>
public sealed class NamedKeyOptions
{
    public string Key { get; set; } = "";

    public string User { get; set; } = "";
}
