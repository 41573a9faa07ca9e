using Crm.Core.Commands;

namespace Crm.Core.Access;

/// <summary>The user, right and key commands (admins only). Name, right, description (<see cref="AccessCommandDocs"/>), handler.</summary>
public static class AccessCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<GetUsersHandler>("getusers", CrmRights.Admin, AccessCommandDocs.GetUsers, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<SetUserHandler>("setuser", CrmRights.Admin, AccessCommandDocs.SetUser, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveUserHandler>("removeuser", CrmRights.Admin, AccessCommandDocs.RemoveUser, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GrantHandler>("grant", CrmRights.Admin, AccessCommandDocs.Grant, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RevokeHandler>("revoke", CrmRights.Admin, AccessCommandDocs.Revoke, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GetKeysHandler>("getkeys", CrmRights.Admin, AccessCommandDocs.GetKeys, (h, c) => h.ExecuteAsync(c)),
    ];
}
