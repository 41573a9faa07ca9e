using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary>Reading and checking the parameters the user and right commands share.</summary>
internal static class AdminParameters
{
    private const int MaxNameLength = 200;

    public static string Login(RequestParameters parameters) => Name(parameters.Require("login"), "login");

    /// <summary>Exactly one of <c>login</c> and <c>group</c>.</summary>
    public static (GranteeKind Kind, string Name) Grantee(RequestParameters parameters)
    {
        var login = parameters.GetNonBlank("login");
        var group = parameters.GetNonBlank("group");
        return (login, group) switch
        {
            ({ } user, null) => (GranteeKind.User, Name(user, "login")),
            (null, { } name) => (GranteeKind.Group, Name(name, "group")),
            (null, null) => throw CrmException.BadRequest("Give 'login' (a user) or 'group'."),
            _ => throw CrmException.BadRequest("Give either 'login' or 'group', not both."),
        };
    }

    public static IReadOnlyList<string> Groups(string raw) =>
        raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => Name(g, "groups"))
            .Distinct(LoginKey.Comparer)
            .ToList();

    public static bool Flag(string raw, string parameter) => raw.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw CrmException.BadRequest($"'{parameter}' must be true or false."),
    };

    public static string Email(string raw)
    {
        var email = raw.Trim();
        if (email.Length > 0 && (email.Length > 320 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
        {
            throw CrmException.BadRequest($"'{email}' is not an e-mail address.");
        }
        return email;
    }

    public static string Name(string raw, string parameter)
    {
        var name = raw.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl) || name.Contains(',', StringComparison.Ordinal))
        {
            throw CrmException.BadRequest($"'{parameter}' must be 1 to {MaxNameLength} characters, without commas or control characters.");
        }
        return name;
    }
}
