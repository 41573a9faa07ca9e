using Crm.Core.Commands;

namespace Crm.Core.Access;

/// <summary>The user and right commands (admins only). Name, right, handler.</summary>
public static class AccessCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<GetUsersHandler>("getusers", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<SetUserHandler>("setuser", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveUserHandler>("removeuser", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GrantHandler>("grant", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RevokeHandler>("revoke", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
    ];
}
