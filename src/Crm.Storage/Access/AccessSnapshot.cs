namespace Crm.Storage.Access;

/// <summary>Every user and every grant, read in one partition query.</summary>
public sealed record AccessSnapshot(IReadOnlyList<StoredUser> Users, IReadOnlyList<StoredGrant> Grants);
