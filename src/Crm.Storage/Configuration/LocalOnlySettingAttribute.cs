namespace Crm.Storage.Configuration;

/// <summary>Marks a setting that is only for local runs and is never set in Azure (secrets there come from Key Vault).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LocalOnlySettingAttribute : Attribute;
