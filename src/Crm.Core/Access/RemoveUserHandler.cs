using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary><c>removeuser</c>: deletes a user and the rights granted to it directly (its groups' rights stay with the groups).</summary>
public sealed class RemoveUserHandler(StoredUserDirectory directory)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var login = AdminParameters.Login(context.Parameters);
        if (LoginKey.SameName(login, context.User.Login))
        {
            throw CrmException.BadRequest("You cannot remove yourself; ask another admin.");
        }
        if (!await directory.RemoveUserAsync(login, context.Cancellation))
        {
            throw CrmException.NotFound($"There is no user '{login}'.");
        }
        return new PropertiesResult(("login", login));
    }
}
