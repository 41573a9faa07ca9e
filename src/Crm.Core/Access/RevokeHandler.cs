using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary><c>revoke</c>: takes a right from a user or a group. Other instances see it within <see cref="StoredUserDirectory.Lifetime"/>.</summary>
public sealed class RevokeHandler(StoredUserDirectory directory, RightNames rights)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var (kind, grantee) = AdminParameters.Grantee(context.Parameters);
        var right = await rights.NormalizeAsync(context.Parameters.Require("right"), context.Cancellation);
        if (kind == GranteeKind.User && right == CrmRights.Admin && LoginKey.SameName(grantee, context.User.Login))
        {
            throw CrmException.BadRequest("You cannot revoke 'admin' from yourself; ask another admin.");
        }
        if (!await directory.RevokeAsync(new StoredGrant(kind, grantee, right), context.Cancellation))
        {
            throw CrmException.NotFound(kind == GranteeKind.User
                ? $"The user '{grantee}' has no direct grant of '{right}' (a right held through a group is revoked from the group)."
                : $"The group '{grantee}' has no grant of '{right}'.");
        }
        return new PropertiesResult((kind == GranteeKind.User ? "login" : "group", grantee), ("right", right));
    }
}
