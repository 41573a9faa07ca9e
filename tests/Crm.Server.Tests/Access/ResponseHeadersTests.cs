using System.Globalization;
using System.Net;
using Crm.Core.Access;
using Crm.TestSupport;

namespace Crm.Server.Tests.Access;

/// <summary>Every API answer, success or error, is kept by no cache, is not sniffed, does not name the server, and states the rate limit.</summary>
public sealed class ResponseHeadersTests : IAsyncLifetime
{
    private CrmTestServer _server = null!;

    public Task InitializeAsync()
    {
        // The default limit of Crm:RateLimits:PerMinute (the test server turns it off unless told).
        _server = new CrmTestServer(new Dictionary<string, string?> { ["Crm:RateLimits:PerMinute"] = new RateLimitOptions().PerMinute.ToString(CultureInfo.InvariantCulture) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string?, string, HttpStatusCode> Calls => new()
    {
        { CrmTestServer.ApiKey, CrmTestServer.Admin, "command=getcompanies", HttpStatusCode.OK },
        { CrmTestServer.ApiKey, CrmTestServer.Admin, "command=getcompanybyname&companyId=999999", HttpStatusCode.NotFound },
        { CrmTestServer.ApiKey, CrmTestServer.Admin, "command=nosuchcommand", HttpStatusCode.BadRequest },
        { "wrong-key", CrmTestServer.Admin, "command=getcompanies", HttpStatusCode.Unauthorized },
        { "", null, "command=getcompanies", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_answer_is_no_store_nosniff_without_server_and_with_rate_limit_headers(string key, string? user, string query, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + query);
        if (key.Length > 0)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        if (user is not null)
        {
            request.Headers.Add("X-Crm-User", user);
        }

        using var response = await _server.Client.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"), "the Server header names the web server");
        Assert.Empty(response.Headers.Server);
        Assert.Equal(["\"perkey\";q=1200;w=60"], response.Headers.GetValues("RateLimit-Policy"));
        Assert.StartsWith("\"perkey\";r=", Assert.Single(response.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
    }
}
