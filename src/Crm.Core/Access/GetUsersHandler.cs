using Crm.Core.Commands;
using Crm.Core.Errors;

namespace Crm.Core.Access;

/// <summary><c>getusers</c>: every user (or the one named by <c>login</c>) with groups and rights, and the rights of each group.</summary>
public sealed class GetUsersHandler(StoredUserDirectory directory) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var access = await directory.GetAsync(context.Cancellation);
        var users = access.Users.Values.OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase).ToList();
        if (context.Parameters.GetNonBlank("login") is { } login)
        {
            users = access.Users.TryGetValue(login, out var one) ? [one] : throw CrmException.NotFound($"There is no user '{login}'.");
        }
        var userObjects = users.Select(u => (IEnumerable<(string Name, object Value)>)
        [
            ("login", u.Login),
            ("displayName", u.DisplayName),
            ("email", u.Email),
            ("active", u.Active ? "true" : "false"),
            ("groups", string.Join(',', u.Groups)),
            ("rights", string.Join(',', access.UserGrants.TryGetValue(u.Login, out var own) ? own : [])),
            ("effectiveRights", string.Join(',', access.RightsOf(u).Order(StringComparer.OrdinalIgnoreCase))),
        ]).ToList();
        var groupObjects = access.GroupGrants.OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (IEnumerable<(string Name, object Value)>)[("group", g.Key), ("rights", string.Join(',', g.Value))])
            .ToList();
        return new PropertiesResult(("users", userObjects), ("groups", groupObjects));
    }
}
