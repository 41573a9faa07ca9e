using Azure;
using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Access;

/// <summary>Users, groups and grants in the <c>CrmAccess</c> table (layout: <see cref="AccessRows"/>).</summary>
public sealed class AccessStore(CrmTableSet tables)
{
    private const int MaxAttempts = 5;
    private readonly TableClient _table = tables.Access;

    public async Task<AccessSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, UserRow>(LoginKey.Comparer);
        var ignored = new List<string>();
        await foreach (var row in _table.QueryAsync<UserRow>(RangeFilter(AccessRows.UserPrefix), cancellationToken: cancellationToken))
        {
            if (!users.TryAdd(row.Login, row))
            {
                // Of two rows for one login, the one under today's key is the one every write goes to.
                var kept = users[row.Login];
                var rowIsCurrent = row.RowKey == AccessRows.UserKey(row.Login) && kept.RowKey != AccessRows.UserKey(kept.Login);
                ignored.Add(rowIsCurrent ? kept.Login : row.Login);
                if (rowIsCurrent)
                {
                    users[row.Login] = row;
                }
            }
        }
        var grants = new List<StoredGrant>();
        await foreach (var row in _table.QueryAsync<GrantRow>(RangeFilter(AccessRows.GrantPrefix), cancellationToken: cancellationToken))
        {
            grants.Add(row.ToGrant());
        }
        return new AccessSnapshot([.. users.Values.Select(u => u.ToUser())], grants, ignored);
    }

    public async Task<StoredUser?> FindUserAsync(string login, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<UserRow>(AccessRows.Partition, AccessRows.UserKey(login), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToUser() : null;
    }

    /// <summary>
    /// Creates or changes a user: <paramref name="change"/> gets the stored user (null when new) and returns the
    /// user to store. Guarded by the row's ETag and retried from a fresh read when another writer won.
    /// </summary>
    public async Task<(StoredUser User, bool Created)> SaveUserAsync(string login, Func<StoredUser?, StoredUser> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<UserRow>(AccessRows.Partition, AccessRows.UserKey(login), cancellationToken: cancellationToken);
            var current = existing.HasValue ? existing.Value! : null;
            var user = change(current?.ToUser());
            var row = UserRow.From(user);
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return (user, current is null);
            }
            catch (RequestFailedException failure) when (failure.IsAlreadyExists() || failure.IsConditionNotMet())
            {
                continue;
            }
        }
        throw new WriteConflictException($"The user '{login}' kept changing; try again.");
    }

    /// <summary>
    /// Removes the user and the rights granted to it directly; false when there is no such user. Rows an earlier
    /// version keyed apart for the same login (<see cref="LoginKey"/>) go too, so no stale copy comes back.
    /// </summary>
    public async Task<bool> RemoveUserAsync(string login, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        await foreach (var user in _table.QueryAsync<UserRow>(RangeFilter(AccessRows.UserPrefix), cancellationToken: cancellationToken))
        {
            if (LoginKey.SameName(user.Login, login))
            {
                actions.Add(new(TableTransactionActionType.Delete, user, user.ETag));
            }
        }
        if (actions.Count == 0)
        {
            return false;
        }
        await foreach (var grant in _table.QueryAsync<GrantRow>(
            RangeFilter(AccessRows.UserGrantPrefix), select: ["PartitionKey", "RowKey", "Grantee"], cancellationToken: cancellationToken))
        {
            if (LoginKey.SameName(grant.Grantee, login))
            {
                actions.Add(new(TableTransactionActionType.Delete, grant, ETag.All));
            }
        }
        try
        {
            // The user row goes in the first transaction: once it is gone, leftover grants of a later chunk give no access.
            foreach (var chunk in actions.Chunk(TableLimits.MaxTransactionActions))
            {
                await _table.SubmitTransactionAsync(chunk, cancellationToken);
            }
            return true;
        }
        catch (TableTransactionFailedException failure) when (failure.IsNotFound() || failure.IsConditionNotMet())
        {
            throw new WriteConflictException($"The user '{login}' changed while it was being removed; try again.");
        }
    }

    /// <summary>False when the grant already existed.</summary>
    public async Task<bool> GrantAsync(StoredGrant grant, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(GrantRow.From(grant), cancellationToken);
            return true;
        }
        catch (RequestFailedException failure) when (failure.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>False when there was no such grant.</summary>
    public async Task<bool> RevokeAsync(StoredGrant grant, CancellationToken cancellationToken)
    {
        // The SDK treats deleting a missing entity as success and hands back the response; its error code tells.
        var response = await _table.DeleteEntityAsync(AccessRows.Partition, AccessRows.GrantKey(grant.Kind, grant.Grantee, grant.Right), ETag.All, cancellationToken);
        return !response.IsNotFound();
    }

    /// <summary>
    /// Creates the bootstrap administrator once per login: the user (unless it exists), the grant, and a marker,
    /// in one transaction. Several instances starting together: one wins, the others see the marker.
    /// A later removal of that user is respected (the marker stays). False when nothing was written.
    /// </summary>
    public async Task<bool> SeedBootstrapUserAsync(StoredUser user, string right, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var marker = await _table.GetEntityIfExistsAsync<TableEntity>(AccessRows.Partition, AccessRows.BootstrapKey(user.Login), cancellationToken: cancellationToken);
            if (marker.HasValue)
            {
                return false;
            }
            var existing = await _table.GetEntityIfExistsAsync<UserRow>(AccessRows.Partition, AccessRows.UserKey(user.Login), cancellationToken: cancellationToken);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(AccessRows.Partition, AccessRows.BootstrapKey(user.Login))),
                new(TableTransactionActionType.UpsertReplace, GrantRow.From(new StoredGrant(GranteeKind.User, user.Login, right))),
            };
            if (!existing.HasValue)
            {
                actions.Add(new(TableTransactionActionType.Add, UserRow.From(user)));
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists())
            {
                // Either another instance wrote the marker (seen on the next read), or the user appeared meanwhile.
                continue;
            }
        }
        throw new WriteConflictException($"Could not create the bootstrap user '{user.Login}'; the next start tries again.");
    }

    private static string RangeFilter(string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {AccessRows.Partition} and RowKey ge {prefix} and RowKey lt {KeyEscaper.UpperBound(prefix)}");
}
