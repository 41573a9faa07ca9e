using Crm.Core.Sync;

namespace Crm.TestSupport.Jira;

/// <summary>
/// What kind of Jira the stand-in is, with the limits of that edition: how many users one search request
/// answers, how far a search can page at all, and the group every user is in.
/// </summary>
/// <param name="SearchPageCap">Users one user-search page holds at most, whatever <c>maxResults</c> asks.</param>
/// <param name="SearchResultCap">Data Center: <c>startAt + maxResults</c> is cut to this, so no search lists more users; null pages to the end.</param>
/// <param name="DefaultGroup">Data Center: the application's default group every user is in unless set otherwise.</param>
public sealed record JiraProfile(JiraEdition Edition, int SearchPageCap, int? SearchResultCap, string? DefaultGroup)
{
    /// <summary>Cloud: <c>/rest/api/3/users/search</c> pages to the end, at most 1,000 per page.</summary>
    public static JiraProfile Cloud { get; } = new(JiraEdition.Cloud, 1000, null, null);

    /// <summary>Data Center 9 and earlier: user search up to the 1,000th match.</summary>
    public static JiraProfile DataCenter9 { get; } = new(JiraEdition.DataCenter, 1000, 1000, "jira-software-users");

    /// <summary>Data Center 10: user search returns only the first 100 matches (JRASERVER-78520, JRASERVER-78660).</summary>
    public static JiraProfile DataCenter10 { get; } = new(JiraEdition.DataCenter, 100, 100, "jira-software-users");

    public static JiraProfile Named(string name) => name.ToLowerInvariant() switch
    {
        "cloud" => Cloud,
        "datacenter9" or "dc9" => DataCenter9,
        "datacenter10" or "dc10" or "datacenter" => DataCenter10,
        _ => throw new ArgumentException($"Unknown Jira edition '{name}': Cloud, DataCenter9 or DataCenter10.", nameof(name)),
    };
}
