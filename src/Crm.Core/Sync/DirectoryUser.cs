namespace Crm.Core.Sync;

/// <summary>A user as the directory (Jira) lists it.</summary>
/// <param name="Login">Data Center: the user <c>name</c>; Cloud: the <c>accountId</c>.</param>
/// <param name="Email">Empty when Jira hides it (Cloud privacy settings).</param>
public sealed record DirectoryUser(string Login, string DisplayName, string Email, bool Active);
