namespace Crm.Storage.Access;

/// <summary>Who a right is granted to.</summary>
public enum GranteeKind
{
    User,
    Group,
}

/// <summary>One right granted to one user or group.</summary>
public sealed record StoredGrant(GranteeKind Kind, string Grantee, string Right);
