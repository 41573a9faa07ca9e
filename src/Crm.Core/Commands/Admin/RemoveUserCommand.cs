using Crm.Core.Access;
using Crm.Core.Errors;
using Crm.Storage.Access;

namespace Crm.Core.Commands.Admin;

/// <summary><c>removeuser</c>: deletes a user and the rights granted to it directly (its groups' rights stay with the groups).</summary>
public sealed class RemoveUserCommand(AccessStore store, StoredUserDirectory directory) : ICrmCommand
{
    public string Name => "removeuser";

    public string RequiredRight(CommandContext context) => CrmRights.Admin;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var login = AdminParameters.Login(context.Parameters);
        if (LoginKey.SameName(login, context.User.Login))
        {
            throw CrmException.BadRequest("You cannot remove yourself; ask another admin.");
        }
        if (!await store.RemoveUserAsync(login, context.Cancellation))
        {
            throw CrmException.NotFound($"There is no user '{login}'.");
        }
        directory.Invalidate();
        return new PropertiesResult(("login", login));
    }
}
