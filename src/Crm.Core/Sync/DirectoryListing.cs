namespace Crm.Core.Sync;

/// <summary>
/// The users Jira listed, and whether the listing is provably the whole directory. Only a complete listing may
/// deactivate contacts; <see cref="IncompleteReason"/> says why one is not (a cap reached, a page that made no
/// progress, totals that disagree).
/// </summary>
public sealed record DirectoryListing(IReadOnlyList<DirectoryUser> Users, string? IncompleteReason, string Source)
{
    public bool Complete => IncompleteReason is null;
}
