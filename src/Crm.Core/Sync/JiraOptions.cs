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

    /// <summary>When set, only the members of this Jira group are imported; everyone else counts as gone.</summary>
    public string? Group { get; set; }

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
