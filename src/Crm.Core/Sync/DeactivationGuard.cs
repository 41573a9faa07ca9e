using System.Globalization;

namespace Crm.Core.Sync;

/// <summary>What a run may do about contacts that left the directory, and why not when it may not.</summary>
/// <param name="Held">True when an admin can release the deactivations by confirming <paramref name="WouldDeactivate"/>.</param>
public sealed record DeactivationVerdict(bool Allowed, bool Held, string? Reason, int WouldDeactivate, int ActiveSynced);

/// <summary>
/// Decides whether a run may deactivate: never on a listing that cannot be shown complete; not when Jira listed
/// nobody, or when more than <c>Crm:Sync:MaxDeactivationPercent</c> of the active synced contacts would go, unless
/// an admin confirmed exactly that number for this run (<c>sync&amp;confirmDeactivation=&lt;n&gt;</c>). A Jira that
/// answers an empty list (a token without "Browse users and groups") or a shrunken group must not empty the CRM.
/// </summary>
public static class DeactivationGuard
{
    public static DeactivationVerdict Decide(DirectoryListing listing, int wouldDeactivate, int activeSynced, int maxPercent, int? confirmed)
    {
        if (wouldDeactivate == 0)
        {
            return new(true, false, null, 0, activeSynced);
        }
        if (!listing.Complete)
        {
            return new(false, false,
                $"The directory could not be shown complete ({listing.IncompleteReason}), so no contact was deactivated ({Count(wouldDeactivate)} not listed were left as they are).",
                wouldDeactivate, activeSynced);
        }
        if (confirmed == wouldDeactivate)
        {
            return new(true, false, null, wouldDeactivate, activeSynced);
        }
        var release = $"To deactivate them, an admin runs sync&confirmDeactivation={Count(wouldDeactivate)}.";
        if (listing.Users.Count == 0)
        {
            return new(false, true,
                $"Jira listed no users (a token without the \"Browse users and groups\" permission gets an empty list), so none of the {Count(wouldDeactivate)} contacts it would remove was deactivated. {release}",
                wouldDeactivate, activeSynced);
        }
        if ((long)wouldDeactivate * 100 > (long)activeSynced * maxPercent)
        {
            var share = activeSynced == 0 ? 100 : wouldDeactivate * 100.0 / activeSynced;
            return new(false, true,
                $"{Count(wouldDeactivate)} of {Count(activeSynced)} active synced contacts ({share.ToString("0.#", CultureInfo.InvariantCulture)}%) would be deactivated, more than the {Count(maxPercent)}% allowed at once, so none was. {release}",
                wouldDeactivate, activeSynced);
        }
        return new(true, false, null, wouldDeactivate, activeSynced);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
