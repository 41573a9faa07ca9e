using Crm.Core.Sync;

namespace Crm.TestSupport.Jira;

/// <summary>A user the Jira stand-in serves. <paramref name="Login"/> is the <c>name</c> (Data Center) or <c>accountId</c> (Cloud).</summary>
/// <param name="AccountType">Cloud only: <c>atlassian</c>, <c>app</c> or <c>customer</c>.</param>
public sealed record JiraUser(string Login, string DisplayName, string? Email, bool Active = true, string AccountType = "atlassian")
{
    /// <summary><paramref name="count"/> distinct active users: login <c>user0001</c>…, e-mail <c>user0001@example.com</c>.</summary>
    public static IReadOnlyList<JiraUser> Many(int count, string prefix = "user") =>
        Enumerable.Range(1, count)
            .Select(i => new JiraUser($"{prefix}{i:D4}", $"User {prefix} {i:D4}", $"{prefix}{i:D4}@example.com"))
            .ToList();
}

/// <summary>What the stand-in does to one request instead of answering normally.</summary>
public abstract record JiraFault
{
    /// <summary>Answer with this status (and a <c>Retry-After</c> in whole seconds when given).</summary>
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : JiraFault;

    /// <summary>Wait this long before answering normally (a client with a shorter timeout gives up first).</summary>
    public sealed record Delay(TimeSpan Wait) : JiraFault;
}

/// <summary>One request as the stand-in saw it.</summary>
/// <param name="Timestamp">From <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> on arrival.</param>
public sealed record JiraRequest(int Number, long Timestamp, string PathAndQuery, string? Authorization, int Status);

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
