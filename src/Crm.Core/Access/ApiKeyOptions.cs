using Crm.Storage.Configuration;

namespace Crm.Core.Access;

/// <summary>Section <c>Crm:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Crm:ApiKeys";

    /// <summary>The Key Vault secret whose enabled, active, unexpired versions are the valid keys.</summary>
    public string SecretName { get; set; } = "crm-api-key";

    /// <summary>Valid keys when no vault is configured (local runs).</summary>
    [LocalOnlySetting]
    public IList<string> Local { get; } = [];
}
