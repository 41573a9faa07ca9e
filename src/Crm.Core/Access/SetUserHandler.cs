using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary>
/// <c>setuser</c>: creates a user or changes the given properties of one (<c>displayName</c>, <c>email</c>,
/// <c>active</c>, <c>groups</c> as a comma-separated list that replaces the old one). New users are active.
/// </summary>
public sealed class SetUserHandler(StoredUserDirectory directory)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var parameters = context.Parameters;
        var login = AdminParameters.Login(parameters);
        var displayName = parameters.Get("displayName")?.Trim();
        var email = parameters.Get("email") is { } rawEmail ? AdminParameters.Email(rawEmail) : null;
        bool? active = parameters.GetNonBlank("active") is { } rawActive ? AdminParameters.Flag(rawActive, "active") : null;
        var groups = parameters.Get("groups") is { } rawGroups ? AdminParameters.Groups(rawGroups) : null;
        if (active == false && LoginKey.SameName(login, context.User.Login))
        {
            throw CrmException.BadRequest("You cannot deactivate yourself; ask another admin.");
        }
        var (user, created) = await directory.SaveUserAsync(login, existing => new StoredUser(
            existing?.Login ?? login,
            string.IsNullOrEmpty(displayName) ? existing?.DisplayName ?? login : displayName,
            email ?? existing?.Email ?? "",
            active ?? existing?.Active ?? true,
            groups ?? existing?.Groups ?? []), context.Cancellation);
        return new PropertiesResult(("login", user.Login), ("created", created));
    }
}
