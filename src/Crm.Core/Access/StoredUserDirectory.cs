using Crm.Core.Caching;
using Crm.Storage.Access;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Access;

/// <summary>
/// Users and rights from the <c>CrmAccess</c> table, cached for <see cref="Lifetime"/>, and the only way to change
/// them: each write goes to the store and drops the cache, so a change made through this instance is seen at once,
/// one made through another instance within that bound.
/// </summary>
public sealed class StoredUserDirectory(AccessStore store, TimeProvider clock, ILogger<StoredUserDirectory>? logger = null) : IUserDirectory
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const string All = "";
    private readonly TimedCache<string, AccessDirectory> _cache = new(Lifetime, clock);

    public async ValueTask<CrmUser?> FindActiveUserAsync(string login, CancellationToken cancellationToken)
    {
        var directory = await GetAsync(cancellationToken);
        return directory.Users.TryGetValue(login.Trim(), out var user) && user.Active
            ? new CrmUser(user.Login, directory.RightsOf(user))
            : null;
    }

    public Task<AccessDirectory> GetAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(All, async ct => new AccessDirectory(Logged(await store.LoadAsync(ct))), cancellationToken);

    private AccessSnapshot Logged(AccessSnapshot snapshot)
    {
        if (snapshot.IgnoredDuplicates.Count > 0)
        {
            logger?.LogWarning("Users stored twice under one login were read once; ignored rows of: {Logins}. Removing the user clears them.",
                string.Join(", ", snapshot.IgnoredDuplicates));
        }
        return snapshot;
    }

    /// <summary>The stored user, read now (not from the cache), e.g. to check that a grantee exists.</summary>
    public Task<StoredUser?> FindCurrentUserAsync(string login, CancellationToken cancellationToken) =>
        store.FindUserAsync(login, cancellationToken);

    /// <inheritdoc cref="AccessStore.SaveUserAsync"/>
    public Task<(StoredUser User, bool Created)> SaveUserAsync(string login, Func<StoredUser?, StoredUser> change, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.SaveUserAsync(login, change, cancellationToken));

    /// <inheritdoc cref="AccessStore.RemoveUserAsync"/>
    public Task<bool> RemoveUserAsync(string login, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.RemoveUserAsync(login, cancellationToken));

    /// <inheritdoc cref="AccessStore.GrantAsync"/>
    public Task<bool> GrantAsync(StoredGrant grant, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.GrantAsync(grant, cancellationToken));

    /// <inheritdoc cref="AccessStore.RevokeAsync"/>
    public Task<bool> RevokeAsync(StoredGrant grant, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.RevokeAsync(grant, cancellationToken));

    /// <inheritdoc cref="AccessStore.SeedBootstrapUserAsync"/>
    public Task<bool> SeedBootstrapUserAsync(StoredUser user, string right, CancellationToken cancellationToken) =>
        _cache.WriteThroughAsync(All, () => store.SeedBootstrapUserAsync(user, right, cancellationToken));
}
