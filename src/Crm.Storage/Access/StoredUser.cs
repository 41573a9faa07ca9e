namespace Crm.Storage.Access;

/// <summary>A CRM user as stored: the login is matched case-insensitively; groups are names, compared case-insensitively.</summary>
public sealed record StoredUser(string Login, string DisplayName, string Email, bool Active, IReadOnlyList<string> Groups);
