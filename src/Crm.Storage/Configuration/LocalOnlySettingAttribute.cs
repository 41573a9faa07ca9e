namespace Crm.Storage.Configuration;

/// <summary>
/// Marks an options property that is set only for local runs (Azurite, keys or tokens in plain configuration)
/// and never in Azure, where the managed identity and Key Vault take its place. infra/bicep/main.bicep must
/// not set it; local.settings.sample.json must still list it (tests/Crm.Infra.Tests checks both).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class LocalOnlySettingAttribute : Attribute;
