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

    /// <summary>Answer as if <c>startAt</c> were 0 (a proxy or cache that drops the paging parameter).</summary>
    public sealed record FirstPageAgain : JiraFault;
}

/// <summary>One request as the stand-in saw it.</summary>
/// <param name="Timestamp">From <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> on arrival.</param>
public sealed record JiraRequest(int Number, long Timestamp, string PathAndQuery, string? Authorization, int Status);
