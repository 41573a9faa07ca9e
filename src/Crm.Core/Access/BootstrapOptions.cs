namespace Crm.Core.Access;

/// <summary>Section <c>Crm:Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Crm:Bootstrap";

    /// <summary>The login of the first administrator, created on first start.</summary>
    public string Admin { get; set; } = "admin";
}
