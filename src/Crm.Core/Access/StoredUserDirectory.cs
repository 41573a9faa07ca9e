using Crm.Storage.Access;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Access;

/// <summary>
/// Users and rights from the <c>CrmAccess</c> table, cached for <see cref="Lifetime"/>: a change made through
/// this instance is seen at once (<see cref="Invalidate"/>), one made through another instance within that bound.
/// </summary>
public sealed class StoredUserDirectory(AccessStore store, TimeProvider clock, ILogger<StoredUserDirectory>? logger = null) : IUserDirectory
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    public async ValueTask<CrmUser?> FindActiveUserAsync(string login, CancellationToken cancellationToken)
    {
        var directory = await GetAsync(cancellationToken);
        return directory.Users.TryGetValue(login.Trim(), out var user) && user.Active
            ? new CrmUser(user.Login, directory.RightsOf(user))
            : null;
    }

    public async Task<AccessDirectory> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Until > clock.GetUtcNow())
        {
            return hit.Directory;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Until > clock.GetUtcNow())
            {
                return again.Directory;
            }
            var snapshot = await store.LoadAsync(cancellationToken);
            if (snapshot.IgnoredDuplicates.Count > 0)
            {
                logger?.LogWarning("Users stored twice under one login were read once; ignored rows of: {Logins}. Removing the user clears them.",
                    string.Join(", ", snapshot.IgnoredDuplicates));
            }
            var directory = new AccessDirectory(snapshot);
            _cached = new Cached(directory, clock.GetUtcNow() + Lifetime);
            return directory;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _cached = null;

    private sealed record Cached(AccessDirectory Directory, DateTimeOffset Until);
}
