using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Storage.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Crm.Core.Sync;

/// <summary>
/// Reads every user of the configured Jira, paging through the user search (or the members of the
/// configured group). Data Center: <c>/rest/api/2/user/search</c>, login = <c>name</c>, personal
/// access token as Bearer. Cloud: <c>/rest/api/3/users/search</c>, login = <c>accountId</c>, only
/// <c>atlassian</c> accounts, basic auth with e-mail and API token.
/// </summary>
public sealed class JiraDirectoryClient
{
    public const string HttpClientName = "crm-jira";

    /// <summary>Jira returns at most 50 group members per page whatever is asked.</summary>
    private const int GroupPageSize = 50;

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
            return $"{JiraOptions.SectionName}:BaseUrl '{_options.BaseUrl}' is not an absolute http(s) address.";
        }
        if (IsCloud && string.IsNullOrWhiteSpace(_options.Email))
        {
            return $"Jira Cloud needs {JiraOptions.SectionName}:Email, the account the API token belongs to.";
        }
        return _tokens.IsConfigured ? null : $"No Jira token is configured: set {_tokens.WhereConfigured}.";
    }

    /// <summary>Every user, de-duplicated by login. Throws <see cref="DirectoryUnavailableException"/> when any page cannot be read.</summary>
    public async Task<IReadOnlyList<DirectoryUser>> FetchAllAsync(CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken);
        var authorization = IsCloud
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Email}:{token}")))
            : new AuthenticationHeaderValue("Bearer", token);
        var http = _httpClients.CreateClient(HttpClientName);
        var baseUri = new Uri(_options.BaseUrl!.TrimEnd('/') + "/");
        var users = string.IsNullOrWhiteSpace(_options.Group)
            ? await SearchAllAsync(http, baseUri, authorization, cancellationToken)
            : await GroupMembersAsync(http, baseUri, authorization, _options.Group.Trim(), cancellationToken);
        _logger.LogInformation("Read {Count} users from Jira {Edition} at {BaseUrl}.", users.Count, _options.Edition, _options.BaseUrl);
        return users;
    }

    private async Task<IReadOnlyList<DirectoryUser>> SearchAllAsync(HttpClient http, Uri baseUri, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        var collector = new UserCollector(IsCloud);
        var pageSize = Math.Max(1, _options.PageSize);
        var startAt = 0;
        while (true)
        {
            var path = IsCloud
                ? $"rest/api/3/users/search?startAt={Number(startAt)}&maxResults={Number(pageSize)}"
                : $"rest/api/2/user/search?username=.&startAt={Number(startAt)}&maxResults={Number(pageSize)}&includeInactive=true";
            using var page = await GetJsonAsync(http, new Uri(baseUri, path), authorization, cancellationToken);
            if (page.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw Unexpected(path);
            }
            var count = page.RootElement.GetArrayLength();
            // Jira may return fewer than asked (Cloud filters after paging), so only an empty page ends the list.
            if (count == 0 || !collector.AddPage(page.RootElement.EnumerateArray()))
            {
                break;
            }
            startAt += count;
        }
        return collector.Users;
    }

    private async Task<IReadOnlyList<DirectoryUser>> GroupMembersAsync(
        HttpClient http, Uri baseUri, AuthenticationHeaderValue authorization, string group, CancellationToken cancellationToken)
    {
        var collector = new UserCollector(IsCloud);
        var startAt = 0;
        while (true)
        {
            var path = $"rest/api/{ApiVersion}/group/member?groupname={Uri.EscapeDataString(group)}&includeInactiveUsers=true&startAt={Number(startAt)}&maxResults={Number(GroupPageSize)}";
            using var page = await GetJsonAsync(http, new Uri(baseUri, path), authorization, cancellationToken, notFound: $"Jira has no group '{group}' ({JiraOptions.SectionName}:Group).");
            if (page.RootElement.ValueKind != JsonValueKind.Object || !page.RootElement.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                throw Unexpected(path);
            }
            var progressed = collector.AddPage(values.EnumerateArray());
            var isLast = !page.RootElement.TryGetProperty("isLast", out var last) || last.ValueKind != JsonValueKind.False;
            if (isLast || values.GetArrayLength() == 0 || !progressed)
            {
                break;
            }
            startAt += values.GetArrayLength();
        }
        return collector.Users;
    }

    private async Task<JsonDocument> GetJsonAsync(
        HttpClient http, Uri uri, AuthenticationHeaderValue authorization, CancellationToken cancellationToken, string? notFound = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = authorization;
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new DirectoryUnavailableException($"Jira did not answer {uri.AbsolutePath} within {_options.RequestTimeout.TotalSeconds:0.###} s (tried {_options.MaxRetries + 1} times).", timeout);
        }
        catch (HttpRequestException failure)
        {
            throw new DirectoryUnavailableException($"Jira could not be reached at {uri.GetLeftPart(UriPartial.Authority)}: {failure.Message}", failure);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DirectoryUnavailableException(response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                        $"Jira refused the credentials ({(int)response.StatusCode}) for {uri.AbsolutePath}: check {JiraOptions.SectionName}:Edition, Email and the token.",
                    HttpStatusCode.NotFound when notFound is not null => notFound,
                    HttpStatusCode.TooManyRequests => $"Jira kept limiting requests (429) to {uri.AbsolutePath}.",
                    _ => $"Jira answered {(int)response.StatusCode} to {uri.AbsolutePath}.",
                });
            }
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            }
            catch (JsonException failure)
            {
                throw new DirectoryUnavailableException($"Jira's answer to {uri.AbsolutePath} is not JSON.", failure);
            }
        }
    }

    private static DirectoryUnavailableException Unexpected(string path) =>
        new($"Jira's answer to {path.Split('?')[0]} does not have the expected shape.");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Turns pages of Jira user objects into directory users, once per login.</summary>
    private sealed class UserCollector(bool cloud)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<DirectoryUser> _users = [];

        public IReadOnlyList<DirectoryUser> Users => _users;

        /// <summary>False when the page held no login not seen before (a server ignoring startAt would otherwise loop for ever).</summary>
        public bool AddPage(IEnumerable<JsonElement> page)
        {
            var progressed = false;
            foreach (var item in page)
            {
                var login = Text(item, cloud ? "accountId" : "name");
                if (login.Length == 0 || !_seen.Add(ValueNormalizer.Normalize(login)))
                {
                    continue;
                }
                progressed = true;
                // Cloud lists apps and service-desk customers too; only people with an Atlassian account are staff.
                if (cloud && item.TryGetProperty("accountType", out var type) && type.GetString() != "atlassian")
                {
                    continue;
                }
                var active = !item.TryGetProperty("active", out var flag) || flag.ValueKind != JsonValueKind.False;
                var deleted = item.TryGetProperty("deleted", out var gone) && gone.ValueKind == JsonValueKind.True;
                _users.Add(new DirectoryUser(login, Text(item, "displayName"), Text(item, "emailAddress"), active && !deleted));
            }
            return progressed;
        }

        private static string Text(JsonElement item, string property) =>
            item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
    }
}
