using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Storage.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Crm.Core.Sync;

/// <summary>
/// Reads the users of the configured Jira in a way that cannot stop at a cap, and says whether it saw them all.
/// Data Center: the members of the configured groups (<c>/rest/api/2/group/member</c>, 50 per page with
/// <c>isLast</c> and <c>total</c>, inactive users included; default groups <c>jira-users</c> and
/// <c>jira-software-users</c>), login = <c>name</c>, personal access token as Bearer. Its user search stops at
/// the first 100 matches (Jira 10) or 1,000 (Jira 9), so it is only the fallback when none of the groups exists,
/// and a search that reaches a cap is reported incomplete. Cloud: <c>/rest/api/3/users/search</c> to an empty
/// page (or the configured groups), login = <c>accountId</c>, only <c>atlassian</c> accounts, basic auth.
/// </summary>
public sealed class JiraDirectoryClient
{
    public const string HttpClientName = "crm-jira";

    /// <summary>Jira returns at most 50 group members per page whatever is asked.</summary>
    private const int GroupPageSize = 50;

    /// <summary>Where a Data Center user search stops (Jira 10, Jira 9): a listing of exactly this many may be cut.</summary>
    private static readonly int[] SearchCaps = [100, 1000];

    private readonly IHttpClientFactory _httpClients;
    private readonly JiraOptions _options;
    private readonly JiraTokenProvider _tokens;
    private readonly ILogger<JiraDirectoryClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public JiraDirectoryClient(IHttpClientFactory httpClients, IOptions<JiraOptions> options, JiraTokenProvider tokens, TimeProvider clock, ILogger<JiraDirectoryClient> logger)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _tokens = tokens;
        _logger = logger;
        _pipeline = JiraRetryPipeline.Build(_options, clock, logger);
    }

    private bool IsCloud => _options.Edition == JiraEdition.Cloud;
    private string ApiVersion => IsCloud ? "3" : "2";

    /// <summary>Why no import can run with the current settings; null when it can.</summary>
    public string? WhyNotConfigured()
    {
        if (string.IsNullOrWhiteSpace(_options.BaseUrl))
        {
            return $"No user directory is configured: set {JiraOptions.SectionName}:BaseUrl, Edition and the token to import Jira users.";
        }
        if (!Uri.TryCreate(_options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"{JiraOptions.SectionName}:BaseUrl is not an absolute http(s) address.";
        }
        if (IsCloud && string.IsNullOrWhiteSpace(_options.Email))
        {
            return $"Jira Cloud needs {JiraOptions.SectionName}:Email, the account the API token belongs to.";
        }
        return _tokens.IsConfigured ? null : $"No Jira token is configured: set {_tokens.WhereConfigured}.";
    }

    /// <summary>Every user, de-duplicated by login. Throws <see cref="DirectoryUnavailableException"/> when any page cannot be read.</summary>
    public async Task<DirectoryListing> FetchAllAsync(CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken);
        var authorization = IsCloud
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Email}:{token}")))
            : new AuthenticationHeaderValue("Bearer", token);
        var pages = new JiraPages(_httpClients.CreateClient(HttpClientName), new Uri(_options.BaseUrl!.TrimEnd('/') + "/"), authorization, _pipeline, _options);
        var groups = _options.GroupList();
        var listing = groups.Count > 0
            ? await GroupMembersAsync(pages, groups, cancellationToken) ?? await SearchAsync(pages, fallbackFrom: groups, cancellationToken)
            : await SearchAsync(pages, fallbackFrom: null, cancellationToken);
        _logger.LogInformation("Read {Count} users from Jira {Edition} ({Source}); complete: {Complete} {Reason}",
            listing.Users.Count, _options.Edition, listing.Source, listing.Complete, listing.IncompleteReason);
        return listing;
    }

    /// <summary>The members of every group that exists; null when none of them does.</summary>
    private async Task<DirectoryListing?> GroupMembersAsync(JiraPages pages, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var collector = new UserCollector(IsCloud);
        var found = new List<string>();
        string? incomplete = null;
        foreach (var group in groups)
        {
            var problem = await ReadGroupAsync(pages, group, collector, cancellationToken);
            if (problem == GroupMissing)
            {
                _logger.LogInformation("Jira has no group {Group}.", group);
                continue;
            }
            found.Add(group);
            incomplete ??= problem;
        }
        return found.Count == 0
            ? null
            : new DirectoryListing(collector.Users, incomplete, $"members of {string.Join(", ", found)}");
    }

    private const string GroupMissing = "\0missing";

    /// <summary>Pages through one group; null when the pages add up, else why not (or <see cref="GroupMissing"/>).</summary>
    private async Task<string?> ReadGroupAsync(JiraPages pages, string group, UserCollector collector, CancellationToken cancellationToken)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        long? total = null;
        var startAt = 0;
        while (true)
        {
            var path = $"rest/api/{ApiVersion}/group/member?groupname={Uri.EscapeDataString(group)}&includeInactiveUsers=true&startAt={Number(startAt)}&maxResults={Number(GroupPageSize)}";
            using var page = await pages.GetAsync(path, cancellationToken, missingIsNull: startAt == 0);
            if (page is null)
            {
                return GroupMissing;
            }
            var root = page.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                throw JiraPages.Unexpected(path);
            }
            if (root.TryGetProperty("total", out var totalElement) && totalElement.TryGetInt64(out var pageTotal))
            {
                if (total is { } earlier && earlier != pageTotal)
                {
                    return $"the group {group} changed size while it was read ({earlier}, then {pageTotal} members)";
                }
                total = pageTotal;
            }
            var newMembers = 0;
            foreach (var item in values.EnumerateArray())
            {
                var login = item.TryGetProperty(IsCloud ? "accountId" : "name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
                if (login.Length > 0 && members.Add(ValueNormalizer.Normalize(login)))
                {
                    newMembers++;
                }
            }
            collector.AddPage(values.EnumerateArray());
            var isLast = !root.TryGetProperty("isLast", out var last) || last.ValueKind != JsonValueKind.False;
            if (isLast)
            {
                break;
            }
            if (newMembers == 0)
            {
                return $"a page of the group {group} made no progress (at {startAt})";
            }
            startAt += values.GetArrayLength();
        }
        if (total is null)
        {
            return $"Jira gave no total for the group {group}";
        }
        return members.Count == total ? null : $"the group {group} has {total} members by Jira's total but {members.Count} were listed";
    }

    private async Task<DirectoryListing> SearchAsync(JiraPages pages, IReadOnlyList<string>? fallbackFrom, CancellationToken cancellationToken)
    {
        var collector = new UserCollector(IsCloud);
        var pageSize = Math.Max(1, _options.PageSize);
        var startAt = 0;
        string? incomplete = null;
        while (true)
        {
            var path = IsCloud
                ? $"rest/api/3/users/search?startAt={Number(startAt)}&maxResults={Number(pageSize)}"
                : $"rest/api/2/user/search?username=.&startAt={Number(startAt)}&maxResults={Number(pageSize)}&includeInactive=true";
            using var page = await pages.GetAsync(path, cancellationToken);
            if (page!.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw JiraPages.Unexpected(path);
            }
            var count = page.RootElement.GetArrayLength();
            // Jira may return fewer than asked (Cloud filters after paging, Data Center caps), so only an empty page ends the list.
            if (count == 0)
            {
                break;
            }
            if (collector.AddPage(page.RootElement.EnumerateArray()) == 0)
            {
                incomplete = $"a page of the user search made no progress (at {startAt})";
                break;
            }
            startAt += count;
        }
        if (incomplete is null && !IsCloud && SearchCaps.Contains(collector.Seen))
        {
            incomplete = $"Jira's user search stopped at {collector.Seen} users, a limit of Jira Data Center (100 in Jira 10, 1,000 in Jira 9)"
                + (fallbackFrom is null ? "" : $", and none of the groups {string.Join(", ", fallbackFrom)} exists: set {JiraOptions.SectionName}:Groups");
        }
        return new DirectoryListing(collector.Users, incomplete, IsCloud ? "user search" : "user search (no configured group exists)");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
