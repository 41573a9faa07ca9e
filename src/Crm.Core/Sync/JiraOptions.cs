using Crm.Storage.Configuration;

namespace Crm.Core.Sync;

public enum JiraEdition
{
    Cloud,
    DataCenter,
}

/// <summary>The Jira whose users become contacts. Section <c>Crm:Sync:Jira</c>; without a BaseUrl the import is skipped.</summary>
public sealed class JiraOptions
{
    public const string SectionName = "Crm:Sync:Jira";

    /// <summary>e.g. <c>https://example.atlassian.net</c> (Cloud) or <c>https://jira.example.com</c> (Data Center, with its context path if any).</summary>
    public string? BaseUrl { get; set; }

    public JiraEdition Edition { get; set; } = JiraEdition.Cloud;

    /// <summary>Cloud: the account e-mail the API token belongs to (basic auth <c>email:token</c>).</summary>
    public string? Email { get; set; }

    /// <summary>The API token (Cloud) or personal access token (Data Center) for local runs; in Azure it comes from Key Vault.</summary>
    [LocalOnlySetting]
    public string? Token { get; set; }

    /// <summary>The Key Vault secret holding the token, read when <c>Crm:KeyVault:Uri</c> is set and <see cref="Token"/> is not.</summary>
    public string TokenSecretName { get; set; } = "crm-jira-token";

    /// <summary>Jira Data Center's default application groups: every user with access to Jira is in one of them.</summary>
    public const string DataCenterDefaultGroups = "jira-users,jira-software-users";

    /// <summary>
    /// Comma-separated Jira groups whose members are the directory (everyone else counts as gone). Empty: Data
    /// Center reads <see cref="DataCenterDefaultGroups"/> (its user search stops at 100 or 1,000 users), Cloud pages
    /// its user search to the end.
    /// </summary>
    public string? Groups { get; set; }

    /// <summary>Users asked for per user-search request (Jira may return fewer; paging goes on until an empty page).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Retries of a transient failure (429, 5xx, timeout, connection error) per request.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubles per retry, with jitter. A <c>Retry-After</c> header replaces it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per attempt, including reading the body.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this fails the run instead of waiting (the next run tries again).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}

public static class JiraOptionsExtensions
{
    /// <summary>The groups that define the directory, or none when the edition's user search is used.</summary>
    public static IReadOnlyList<string> GroupList(this JiraOptions options)
    {
        var configured = (options.Groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Length > 0)
        {
            return configured.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        return options.Edition == JiraEdition.DataCenter ? JiraOptions.DataCenterDefaultGroups.Split(',') : [];
    }
}
