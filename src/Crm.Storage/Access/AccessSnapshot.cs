namespace Crm.Storage.Access;

/// <summary>
/// Every user and every grant, read in one partition query. <paramref name="IgnoredDuplicates"/>: logins of user
/// rows left out because another row holds the same login (<see cref="LoginKey"/>), as earlier versions could write.
/// </summary>
public sealed record AccessSnapshot(IReadOnlyList<StoredUser> Users, IReadOnlyList<StoredGrant> Grants, IReadOnlyList<string> IgnoredDuplicates);
