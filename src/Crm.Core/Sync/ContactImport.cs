using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Sync;

/// <summary>
/// Brings the CONTACTS table in line with the directory: a user is matched to a contact by login, else by
/// e-mail (only a contact without a login, case-insensitively); unmatched active users become new contacts;
/// contacts whose login left the directory or is inactive get <c>contact_active</c> false, never deleted, when
/// the <see cref="DeactivationGuard"/> allows it. Only contacts whose values differ are written, in batches. A write
/// planned with a schema older than storage holds (changed during the run) is planned again with the current one.
/// </summary>
public sealed class ContactImport(EntryStore store, SchemaCatalog schema, ILogger<ContactImport> logger)
{
    /// <summary>Schema changes the run follows before it gives up on a contact.</summary>
    private const int MaxSchemaRefreshes = 3;

    private const string True = "true";
    private const string False = "false";

    /// <summary>Creates in flight at once: enough to fill transactions, few enough to bound memory.</summary>
    private const int CreateChunk = 500;

    public async Task<ImportResult> RunAsync(
        TableDefinition contacts, DirectoryListing listing, int maxDeactivationPercent, int? confirmedDeactivations, CancellationToken cancellationToken)
    {
        var users = listing.Users;
        var fields = ContactFields.Of(contacts);
        var existing = new List<StoredEntry>();
        await foreach (var page in store.ListAsync(contacts.Name, cancellationToken))
        {
            existing.AddRange(page);
        }
        var byLogin = new Dictionary<string, StoredEntry>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, Queue<StoredEntry>>(StringComparer.Ordinal);
        foreach (var entry in existing)
        {
            var login = entry.Get(fields.Login.Property);
            if (login.Length > 0)
            {
                byLogin.TryAdd(ValueNormalizer.Normalize(login), entry);
            }
            else if (entry.Get(fields.Email.Property) is { Length: > 0 } email)
            {
                var key = ValueNormalizer.Normalize(email);
                if (!byEmail.TryGetValue(key, out var queue))
                {
                    byEmail[key] = queue = new Queue<StoredEntry>();
                }
                queue.Enqueue(entry);
            }
        }

        var toCreate = new List<DirectoryUser>();
        var planned = new Dictionary<long, DirectoryUser?>();
        var unchanged = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var login = ValueNormalizer.Normalize(user.Login);
            if (login.Length == 0 || !present.Add(login))
            {
                continue;
            }
            var match = byLogin.GetValueOrDefault(login);
            if (match is null && user.Email.Length > 0 && byEmail.TryGetValue(ValueNormalizer.Normalize(user.Email), out var sameEmail) && sameEmail.Count > 0)
            {
                match = sameEmail.Dequeue();
            }
            if (match is null)
            {
                // An inactive user without a contact stays out: the CRM is not a directory archive.
                if (user.Active)
                {
                    toCreate.Add(user);
                }
            }
            else if (Desired(fields, match.Values, user) is null)
            {
                unchanged++;
            }
            else
            {
                planned[match.Id] = user;
            }
        }
        foreach (var (login, entry) in byLogin)
        {
            if (present.Contains(login))
            {
                continue;
            }
            if (Desired(fields, entry.Values, user: null) is null)
            {
                unchanged++;
            }
            else
            {
                planned[entry.Id] = null;
            }
        }

        var byId = existing.ToDictionary(e => e.Id);
        var wouldDeactivate = planned.Count(p => IsActive(byId[p.Key].Get(fields.Active.Property)) && p.Value is not { Active: true });
        var activeSynced = existing.Count(e => e.Get(fields.Login.Property).Length > 0 && IsActive(e.Get(fields.Active.Property)));
        var verdict = DeactivationGuard.Decide(listing, wouldDeactivate, activeSynced, maxDeactivationPercent, confirmedDeactivations);
        if (!verdict.Allowed)
        {
            foreach (var gone in planned.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                planned.Remove(gone);
                unchanged++;
            }
        }

        var created = await CreateAsync(contacts, fields, toCreate, planned, cancellationToken);
        var (updated, deactivated) = await UpdateAsync(contacts, fields, planned, verdict.Allowed, cancellationToken);
        logger.LogInformation("Contacts from the directory: {Created} created, {Updated} updated, {Deactivated} deactivated, {Unchanged} unchanged; deactivation {Verdict}.",
            created, updated, deactivated, unchanged, verdict);
        return new ImportResult(new ImportCounts(created, updated, deactivated, unchanged + planned.Count - updated - deactivated), verdict);
    }

    /// <summary>
    /// Creates many at once: the store's group commit packs concurrent creates into shared transactions.
    /// A login someone added since the contacts were read is a duplicate; that holder is updated instead.
    /// </summary>
    private async Task<int> CreateAsync(
        TableDefinition contacts, ContactFields fields, List<DirectoryUser> users, Dictionary<long, DirectoryUser?> planned, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var chunk in users.Chunk(CreateChunk))
        {
            var holders = await Task.WhenAll(chunk.Select(async user =>
            {
                var definition = contacts;
                for (var refreshes = 0; ; refreshes++)
                {
                    try
                    {
                        await store.CreateAsync(definition.Name, EntryImageBuilder.Build(definition, NewValues(definition, fields, user)), cancellationToken);
                        return (long?)null;
                    }
                    catch (DuplicateValueException duplicate) when (duplicate.Field == fields.Login.Property)
                    {
                        return duplicate.ExistingId;
                    }
                    catch (StaleSchemaException) when (refreshes < MaxSchemaRefreshes)
                    {
                        definition = await schema.GetNewerTableAsync(definition, cancellationToken);
                    }
                }
            }));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (holders[i] is { } holder)
                {
                    planned[holder] = chunk[i];
                }
                else
                {
                    created++;
                }
            }
        }
        return created;
    }

    private async Task<(int Updated, int Deactivated)> UpdateAsync(
        TableDefinition contacts, ContactFields fields, Dictionary<long, DirectoryUser?> planned, bool allowDeactivation, CancellationToken cancellationToken)
    {
        if (planned.Count == 0)
        {
            return (0, 0);
        }
        var deactivating = new HashSet<long>();
        var written = new List<long>();
        var ids = planned.Keys.ToList();
        for (var refreshes = 0; ids.Count > 0; refreshes++)
        {
            var bulk = await store.UpdateManyAsync(contacts.Name, ids, current => Change(contacts, current), cancellationToken);
            written.AddRange(bulk.Written);
            ids = [.. bulk.Stale];
            if (ids.Count > 0)
            {
                contacts = refreshes < MaxSchemaRefreshes
                    ? await schema.GetNewerTableAsync(contacts, cancellationToken)
                    : throw new WriteConflictException($"The schema of {contacts.Name} kept changing while contacts were updated; try again.");
            }
        }
        var deactivated = written.Count(deactivating.Contains);
        return (written.Count - deactivated, deactivated);

        EntryImage? Change(TableDefinition definition, StoredEntry current)
        {
            // Decided again on the fresh values: someone may have edited the contact since it was read.
            var values = Desired(fields, current.Values, planned[current.Id], allowDeactivation);
            if (values is null)
            {
                return null;
            }
            if (IsActive(current.Get(fields.Active.Property)) && !IsActive(values[fields.Active.Property]))
            {
                deactivating.Add(current.Id);
            }
            else
            {
                deactivating.Remove(current.Id);
            }
            return EntryImageBuilder.Build(definition, values);
        }
    }

    /// <summary>The contact's values after applying the user (null user: gone from the directory); null when nothing changes.</summary>
    private static Dictionary<string, string>? Desired(ContactFields fields, IReadOnlyDictionary<string, string> current, DirectoryUser? user, bool allowDeactivation = true)
    {
        var values = new Dictionary<string, string>(current, StringComparer.Ordinal);
        if (user is null)
        {
            values[fields.Active.Property] = False;
        }
        else
        {
            values[fields.Login.Property] = user.Login;
            if (Name(fields, user) is { Length: > 0 } name)
            {
                values[fields.Name.Property] = name;
            }
            else if (values.GetValueOrDefault(fields.Name.Property, "").Length == 0)
            {
                values[fields.Name.Property] = user.Login;
            }
            // Cloud hides addresses by the user's privacy settings: no address is no news, not a removal.
            if (Email(fields, user) is { Length: > 0 } email)
            {
                values[fields.Email.Property] = email;
            }
            values[fields.Active.Property] = user.Active ? True : False;
        }
        // Held or not provably complete: the other changes go through, an active contact stays active.
        if (!allowDeactivation && IsActive(current.GetValueOrDefault(fields.Active.Property, "")))
        {
            values[fields.Active.Property] = current.GetValueOrDefault(fields.Active.Property, "");
        }
        var changed = fields.Synchronized.Any(field =>
            !string.Equals(values.GetValueOrDefault(field.Property, ""), current.GetValueOrDefault(field.Property, ""), StringComparison.Ordinal));
        return changed ? values : null;
    }

    private static Dictionary<string, string> NewValues(TableDefinition contacts, ContactFields fields, DirectoryUser user)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in contacts.Fields)
        {
            if (DefaultSchema.DefaultValue(field) is { } fallback)
            {
                values[field.Property] = fallback;
            }
        }
        return Desired(fields, values, user) ?? values;
    }

    private static string Name(ContactFields fields, DirectoryUser user)
    {
        try
        {
            return ValueFormats.ToStored(fields.Name, user.DisplayName);
        }
        catch (CrmException)
        {
            return "";
        }
    }

    private static string Email(ContactFields fields, DirectoryUser user)
    {
        try
        {
            return ValueFormats.ToStored(fields.Email, user.Email);
        }
        catch (CrmException)
        {
            return "";
        }
    }

    private static bool IsActive(string value) => !string.Equals(value, False, StringComparison.OrdinalIgnoreCase);
}
