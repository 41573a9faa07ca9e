namespace Crm.Core.Access;

/// <summary>An authenticated caller and the rights it holds (directly or through its groups).</summary>
public sealed record CrmUser(string Login, IReadOnlySet<string> Rights)
{
    public bool Has(string right) => Rights.Contains(CrmRights.Admin) || Rights.Contains(right);
}
