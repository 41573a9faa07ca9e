using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Core.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.TestSupport.Jira;

/// <summary>
/// A Jira on loopback (Kestrel) serving the user-directory REST calls the sync makes, in the real formats and
/// with the limits of the edition its <see cref="JiraProfile"/> names:
/// Data Center <c>GET /rest/api/2/user/search?username=.&amp;startAt&amp;maxResults&amp;includeInactive</c>
/// (Bearer personal access token; Jira 10 answers only the first 100 matches, Jira 9 the first 1,000),
/// Cloud <c>GET /rest/api/3/users/search?startAt&amp;maxResults</c> (basic auth e-mail:API token, pages to the end),
/// and <c>GET /rest/api/2|3/group/member?groupname&amp;includeInactiveUsers&amp;startAt&amp;maxResults</c> (paged
/// object with <c>isLast</c> and <c>total</c>, at most 50 per page). On Data Center every user belongs to the
/// default application group (<c>jira-software-users</c>) unless <see cref="SetGroup"/> says otherwise, as Jira
/// adds new users to it. Without the "Browse users and groups" permission the searches answer an empty list,
/// as Jira does. Faults can be planned per request, requests can be held at a gate, and every request is
/// logged with its arrival time.
/// </summary>
public sealed partial class JiraStandIn : IAsyncDisposable
{
    public const string Email = "sync-bot@example.com";
    public const string Token = "jira-test-token-123";
    private const int GroupPageCap = 50;
    private const string ForbiddenGroupMessage = "You are not authorized to perform this operation.";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JiraUser> _users = [];
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, JiraFault> _faults = [];
    private readonly List<JiraRequest> _requests = [];
    private TaskCompletionSource? _gate;
    private int _arrived;

    /// <summary>The current release of the edition (Cloud, Data Center 10), with smaller user-search pages when asked.</summary>
    public JiraStandIn(JiraEdition edition, int maxPageSize = 1000)
        : this(edition == JiraEdition.Cloud
            ? JiraProfile.Cloud with { SearchPageCap = Math.Min(maxPageSize, JiraProfile.Cloud.SearchPageCap) }
            : JiraProfile.DataCenter10 with { SearchPageCap = Math.Min(maxPageSize, JiraProfile.DataCenter10.SearchPageCap) })
    {
    }

    public JiraStandIn(JiraProfile profile)
    {
        Profile = profile;
        var edition = profile.Edition;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var version = edition == JiraEdition.Cloud ? "3" : "2";
        _app.MapGet(edition == JiraEdition.Cloud ? "/rest/api/3/users/search" : "/rest/api/2/user/search", context => HandleAsync(context, UserSearch));
        _app.MapGet($"/rest/api/{version}/group/member", context => HandleAsync(context, GroupMembers));
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public JiraProfile Profile { get; }
    public JiraEdition Edition => Profile.Edition;
    public Uri BaseUrl { get; }

    /// <summary>Whether the token's user holds "Browse users and groups"; without it Jira answers searches with an empty list, not an error.</summary>
    public bool CanBrowseUsers { get; set; } = true;

    /// <summary>The settings that point the CRM at this stand-in, with fast retries for tests.</summary>
    public Dictionary<string, string?> Settings(string? groups = null) => new()
    {
        ["Crm:Sync:Jira:BaseUrl"] = BaseUrl.ToString(),
        ["Crm:Sync:Jira:Edition"] = Edition.ToString(),
        ["Crm:Sync:Jira:Email"] = Edition == JiraEdition.Cloud ? Email : null,
        ["Crm:Sync:Jira:Token"] = Token,
        ["Crm:Sync:Jira:Groups"] = groups,
        ["Crm:Sync:Jira:MaxRetries"] = "2",
        ["Crm:Sync:Jira:RetryDelay"] = "00:00:00.020",
        ["Crm:Sync:Jira:RequestTimeout"] = "00:00:05",
    };

    public IReadOnlyList<JiraRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public void SetUsers(IEnumerable<JiraUser> users)
    {
        lock (_lock)
        {
            _users.Clear();
            _users.AddRange(users);
        }
    }

    public void Change(string login, Func<JiraUser, JiraUser> change)
    {
        lock (_lock)
        {
            var index = _users.FindIndex(u => u.Login == login);
            _users[index] = change(_users[index]);
        }
    }

    public void Remove(string login)
    {
        lock (_lock)
        {
            _users.RemoveAll(u => u.Login == login);
        }
    }

    public void SetGroup(string name, IEnumerable<string> logins)
    {
        lock (_lock)
        {
            _groups[name] = [.. logins];
        }
    }

    /// <summary>After <paramref name="skip"/> more requests are answered normally, the next <paramref name="count"/> get <paramref name="fault"/>.</summary>
    public void PlanFault(JiraFault fault, int skip = 0, int count = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults[_arrived + skip + i + 1] = fault;
            }
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Requests arriving from now on wait until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _gate?.TrySetResult();
            _gate = null;
        }
    }

    /// <summary>Waits (up to 30 s) until at least <paramref name="count"/> requests have arrived in total.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (Volatile.Read(ref _arrived) < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The Jira stand-in got {_arrived} requests, not {count}.");
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, Func<HttpContext, (int Status, object Body)> answer)
    {
        var timestamp = Stopwatch.GetTimestamp();
        JiraFault? fault;
        Task gate;
        int number;
        lock (_lock)
        {
            number = ++_arrived;
            fault = _faults.Remove(number, out var planned) ? planned : null;
            gate = _gate?.Task ?? Task.CompletedTask;
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        var status = 200;
        try
        {
            await gate.WaitAsync(context.RequestAborted);
            if (fault is JiraFault.Delay delay)
            {
                await Task.Delay(delay.Wait, context.RequestAborted);
            }
            if (!Authorized(authorization))
            {
                status = 401;
                await WriteJsonAsync(context, status, Error("You are not authenticated. Authentication required to perform this operation."));
            }
            else if (fault is JiraFault.Status failure)
            {
                status = failure.Code;
                if (failure.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                await WriteJsonAsync(context, status, Error($"Planned failure {status}."));
            }
            else
            {
                if (fault is JiraFault.FirstPageAgain)
                {
                    context.Request.QueryString = new QueryString(StartAtParameter().Replace(context.Request.QueryString.Value ?? "", "startAt=0"));
                }
                var (code, body) = answer(context);
                status = code;
                await WriteJsonAsync(context, code, body);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        finally
        {
            lock (_lock)
            {
                _requests.Add(new JiraRequest(number, timestamp, context.Request.Path + context.Request.QueryString, authorization, status));
            }
        }
    }

    private bool Authorized(string authorization) => Edition == JiraEdition.Cloud
        ? authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{Token}"))
        : authorization == "Bearer " + Token;

    private (int, object) UserSearch(HttpContext context)
    {
        var query = context.Request.Query;
        var startAt = Int(query["startAt"], 0);
        var maxResults = Math.Min(Int(query["maxResults"], 50), Profile.SearchPageCap);
        // Data Center 10: "the combination of maxResults and startAt is limited to the first 100 results".
        var end = Profile.SearchResultCap is { } cap ? Math.Min(startAt + maxResults, cap) : startAt + maxResults;
        List<JiraUser> matching;
        lock (_lock)
        {
            if (Edition == JiraEdition.DataCenter)
            {
                var username = query["username"].ToString();
                if (username.Length == 0)
                {
                    return (400, Error("The username query parameter was not provided"));
                }
                var includeInactive = string.Equals(query["includeInactive"], "true", StringComparison.OrdinalIgnoreCase);
                matching = _users
                    .Where(u => username == "." || u.Login.Contains(username, StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(username, StringComparison.OrdinalIgnoreCase))
                    .Where(u => includeInactive || u.Active)
                    .OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
            else
            {
                matching = [.. _users];
            }
        }
        if (!CanBrowseUsers)
        {
            return (200, new List<object>());
        }
        return (200, matching.Skip(startAt).Take(Math.Max(0, end - startAt)).Select(UserJson).ToList());
    }

    private (int, object) GroupMembers(HttpContext context)
    {
        var query = context.Request.Query;
        var name = query["groupname"].ToString();
        var startAt = Int(query["startAt"], 0);
        var maxResults = Math.Min(Int(query["maxResults"], GroupPageCap), GroupPageCap);
        var includeInactive = string.Equals(query["includeInactiveUsers"], "true", StringComparison.OrdinalIgnoreCase);
        if (!CanBrowseUsers)
        {
            return (403, Error(ForbiddenGroupMessage));
        }
        List<JiraUser> members;
        lock (_lock)
        {
            if (_groups.TryGetValue(name, out var logins))
            {
                var set = logins.ToHashSet(StringComparer.Ordinal);
                members = _users.Where(u => set.Contains(u.Login)).ToList();
            }
            else if (string.Equals(name, Profile.DefaultGroup, StringComparison.OrdinalIgnoreCase))
            {
                members = [.. _users];
            }
            else
            {
                return (404, Error($"The group '{name}' does not exist."));
            }
            members = members.Where(u => includeInactive || u.Active).OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase).ToList();
        }
        var page = members.Skip(startAt).Take(maxResults).Select(UserJson).ToList();
        var isLast = startAt + page.Count >= members.Count;
        var self = $"{BaseUrl}{context.Request.Path.ToString().TrimStart('/')}?groupname={Uri.EscapeDataString(name)}&includeInactiveUsers={includeInactive.ToString().ToLowerInvariant()}";
        var body = new Dictionary<string, object>
        {
            ["self"] = $"{self}&startAt={startAt}&maxResults={maxResults}",
            ["maxResults"] = maxResults,
            ["startAt"] = startAt,
            ["total"] = members.Count,
            ["isLast"] = isLast,
            ["values"] = page,
        };
        if (!isLast)
        {
            body["nextPage"] = $"{self}&startAt={startAt + page.Count}&maxResults={maxResults}";
        }
        return (200, body);
    }

    private Dictionary<string, object> UserJson(JiraUser user)
    {
        var avatars = new Dictionary<string, string>
        {
            ["48x48"] = $"{BaseUrl}secure/useravatar?size=large&ownerId={Uri.EscapeDataString(user.Login)}",
            ["24x24"] = $"{BaseUrl}secure/useravatar?size=small&ownerId={Uri.EscapeDataString(user.Login)}",
            ["16x16"] = $"{BaseUrl}secure/useravatar?size=xsmall&ownerId={Uri.EscapeDataString(user.Login)}",
            ["32x32"] = $"{BaseUrl}secure/useravatar?size=medium&ownerId={Uri.EscapeDataString(user.Login)}",
        };
        var json = Edition == JiraEdition.Cloud
            ? new Dictionary<string, object>
            {
                ["self"] = $"{BaseUrl}rest/api/3/user?accountId={Uri.EscapeDataString(user.Login)}",
                ["accountId"] = user.Login,
                ["accountType"] = user.AccountType,
            }
            : new Dictionary<string, object>
            {
                ["self"] = $"{BaseUrl}rest/api/2/user?username={Uri.EscapeDataString(user.Login)}",
                ["key"] = "JIRAUSER" + (10000 + (user.Login.GetHashCode(StringComparison.Ordinal) & 0xFFFF)).ToString(CultureInfo.InvariantCulture),
                ["name"] = user.Login,
            };
        if (user.Email is not null)
        {
            json["emailAddress"] = user.Email;
        }
        json["avatarUrls"] = avatars;
        json["displayName"] = user.DisplayName;
        json["active"] = user.Active;
        if (Edition == JiraEdition.DataCenter)
        {
            json["deleted"] = false;
        }
        json["timeZone"] = "Europe/Berlin";
        json["locale"] = "en_US";
        return json;
    }

    private static Dictionary<string, object> Error(string message) => new()
    {
        ["errorMessages"] = new List<string> { message },
        ["errors"] = new Dictionary<string, string>(),
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"startAt=\d+")]
    private static partial System.Text.RegularExpressions.Regex StartAtParameter();

    private static int Int(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
