using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary>
/// One read of every user and grant, indexed for lookups: a user's rights are its own grants and those of its
/// groups. Logins and group names match by <see cref="LoginKey"/>, the comparison their row keys are built with.
/// </summary>
public sealed class AccessDirectory
{
    public AccessDirectory(AccessSnapshot snapshot)
    {
        var users = new Dictionary<string, StoredUser>(LoginKey.Comparer);
        foreach (var user in snapshot.Users)
        {
            users.TryAdd(user.Login, user);
        }
        Users = users;
        UserGrants = Index(snapshot.Grants.Where(g => g.Kind == GranteeKind.User));
        GroupGrants = Index(snapshot.Grants.Where(g => g.Kind == GranteeKind.Group));
    }

    public IReadOnlyDictionary<string, StoredUser> Users { get; }

    /// <summary>Rights granted directly, by login.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UserGrants { get; }

    /// <summary>Rights granted to groups, by group name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GroupGrants { get; }

    public IReadOnlySet<string> RightsOf(StoredUser user)
    {
        var rights = new HashSet<string>(CrmRights.Comparer);
        if (UserGrants.TryGetValue(user.Login, out var own))
        {
            rights.UnionWith(own);
        }
        foreach (var group in user.Groups)
        {
            if (GroupGrants.TryGetValue(group, out var granted))
            {
                rights.UnionWith(granted);
            }
        }
        return rights;
    }

    private static Dictionary<string, IReadOnlyList<string>> Index(IEnumerable<StoredGrant> grants) =>
        grants.GroupBy(g => g.Grantee, LoginKey.Comparer)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Right).Distinct(CrmRights.Comparer).Order(StringComparer.OrdinalIgnoreCase).ToList(), LoginKey.Comparer);
}
