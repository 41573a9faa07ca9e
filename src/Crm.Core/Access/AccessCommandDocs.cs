using Crm.Core.Commands;
using static Crm.Core.Commands.AnswerProperty;
using static Crm.Core.Commands.CommandParameter;

namespace Crm.Core.Access;

/// <summary>The descriptions of the user, right and key commands (docs/api.md#users-and-rights), for openapi.json and /docs.</summary>
public static class AccessCommandDocs
{
    private static readonly CommandParameter Login = Needed("login", "The user's login (1 to 200 characters, no commas).");
    private static readonly CommandParameter GrantLogin = new("login", "The user (or give `group`).");
    private static readonly CommandParameter GrantGroup = new("group", "The group (or give `login`).");
    private static readonly CommandParameter Right = Needed("right", "`crm.view`, `admin`, `dictionaries.add`, `dictionaries.remove`, `sync.run` or `<TABLE>.add|edit|remove`.");

    public static CommandDoc GetKeys { get; } = new(
        "Every API key, without its value.",
        CommandAnswer.Of("The keys, shared first.", Objects("keys", "Each key: `name`, `kind`, `user`, `source`, `versions` (`version`, `created`, `notBefore`, `expires`), `lastUsed`.")));

    public static CommandDoc GetUsers { get; } = new(
        "Users, groups and their rights.",
        CommandAnswer.Of("Users by login, then groups.",
            Objects("users", "Each user: `login`, `displayName`, `email`, `active`, `groups`, `rights`, `effectiveRights`."),
            Objects("groups", "Each group: `group`, `rights`.")))
    {
        Parameters = [new("login", "Only this user.")],
    };

    public static CommandDoc SetUser { get; } = new(
        "Create a user or change the properties given.",
        CommandAnswer.Of("The user and whether it was created.", Text("login", "The login."), Flag("created", "True when the call created the user.")))
    {
        Parameters =
        [
            Login,
            new("displayName", "The name shown (default: the login)."),
            new("email", "The user's e-mail."),
            new("active", "`true` or `false`."),
            new("groups", "Comma-separated groups; replaces the list."),
        ],
    };

    public static CommandDoc RemoveUser { get; } = new(
        "Delete a user and the rights granted to it directly.",
        CommandAnswer.Of("The login.", Text("login", "The login.")))
    {
        Parameters = [Login],
    };

    public static CommandDoc Grant { get; } = new(
        "Give a right to a user or group.",
        CommandAnswer.Of("The grant; `login` or `group` as given.", Text("login", "The user, when given."), Text("group", "The group, when given."),
            Text("right", "The right, canonically spelled."), Flag("created", "False when the grant existed.")))
    {
        Parameters = [GrantLogin, GrantGroup, Right],
    };

    public static CommandDoc Revoke { get; } = new(
        "Take a right back from a user or group.",
        CommandAnswer.Of("The revoked grant; `login` or `group` as given.", Text("login", "The user, when given."), Text("group", "The group, when given."),
            Text("right", "The right.")))
    {
        Parameters = [GrantLogin, GrantGroup, Right],
    };
}
