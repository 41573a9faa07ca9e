using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;

namespace Crm.Storage.Access;

/// <summary>
/// Row layout of the <c>CrmAccess</c> table, all in one partition (small, read whole, changed in transactions):
/// <c>u~&lt;login&gt;</c> a user, <c>r~u~&lt;login&gt;~&lt;right&gt;</c> / <c>r~g~&lt;group&gt;~&lt;right&gt;</c> a grant,
/// <c>b~&lt;login&gt;</c> the marker that the bootstrap administrator was created once.
/// </summary>
internal static class AccessRows
{
    public const string Partition = "access";
    public const string UserPrefix = "u~";
    public const string GrantPrefix = "r~";
    public const string UserGrantPrefix = GrantPrefix + "u~";
    public const string GroupGrantPrefix = GrantPrefix + "g~";
    public const string BootstrapPrefix = "b~";

    public static string Segment(string name) => KeyEscaper.Escape(LoginKey.Of(name));

    public static string UserKey(string login) => UserPrefix + Segment(login);

    public static string GrantsOfKeyPrefix(GranteeKind kind, string grantee) =>
        (kind == GranteeKind.User ? UserGrantPrefix : GroupGrantPrefix) + Segment(grantee) + "~";

    public static string GrantKey(GranteeKind kind, string grantee, string right) => GrantsOfKeyPrefix(kind, grantee) + Segment(right);

    public static string BootstrapKey(string login) => BootstrapPrefix + Segment(login);
}

internal sealed class UserRow : ITableEntity
{
    public string PartitionKey { get; set; } = AccessRows.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Login { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public bool Active { get; set; }
    public string Groups { get; set; } = "";

    public static UserRow From(StoredUser user) => new()
    {
        RowKey = AccessRows.UserKey(user.Login),
        Login = user.Login,
        DisplayName = user.DisplayName,
        Email = user.Email,
        Active = user.Active,
        Groups = string.Join(',', user.Groups),
    };

    public StoredUser ToUser() => new(Login, DisplayName, Email, Active,
        Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

internal sealed class GrantRow : ITableEntity
{
    public string PartitionKey { get; set; } = AccessRows.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string Grantee { get; set; } = "";
    public string Right { get; set; } = "";

    public static GrantRow From(StoredGrant grant) => new()
    {
        RowKey = AccessRows.GrantKey(grant.Kind, grant.Grantee, grant.Right),
        Kind = grant.Kind.ToString(),
        Grantee = grant.Grantee,
        Right = grant.Right,
    };

    public StoredGrant ToGrant() => new(Enum.Parse<GranteeKind>(Kind), Grantee, Right);
}
