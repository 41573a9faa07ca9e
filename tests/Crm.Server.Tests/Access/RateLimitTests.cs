using System.Net;
using Crm.Core.Access;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Access;

/// <summary>
/// A token bucket per key (shared key: per key and user) of <c>Crm:RateLimits:PerMinute</c>, here 2 (one request
/// back every 30 s, far longer than these tests take), with the IETF RateLimit headers on every answer.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string KeyA = "integration-a-key-51c0";
    private const string KeyB = "integration-b-key-7e2d";
    private readonly string _prefix = Azurite.NewTablePrefix();
    private CrmTestServer _server = null!;

    public async Task InitializeAsync()
    {
        await KeyedCall.SeedUsersAsync(_prefix, ("bot-a", CrmRights.View), ("bot-b", CrmRights.View), ("viewer", CrmRights.View));
        _server = new CrmTestServer(new Dictionary<string, string?>
        {
            ["Crm:Storage:TablePrefix"] = _prefix,
            ["Crm:RateLimits:PerMinute"] = "2",
            ["Crm:ApiKeys:Named:a:Key"] = KeyA,
            ["Crm:ApiKeys:Named:a:User"] = "bot-a",
            ["Crm:ApiKeys:Named:b:Key"] = KeyB,
            ["Crm:ApiKeys:Named:b:User"] = "bot-b",
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<KeyedAnswer> Call(string key, string? user) =>
        KeyedCall.SendAsync(_server.Client.Http, key, user, ("command", "getcompanies"));

    [Fact]
    public async Task Over_the_limit_a_key_gets_429_with_retry_after_the_json_error_and_the_rate_limit_headers()
    {
        var first = await Call(KeyA, null);
        var second = await Call(KeyA, null);
        var third = await Call(KeyA, null);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("\"perkey\";q=2;w=60", first.Header("RateLimit-Policy"));
        Assert.StartsWith("\"perkey\";r=1;t=", first.Header("RateLimit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.StartsWith("\"perkey\";r=0;t=", second.Header("RateLimit"), StringComparison.Ordinal);

        Api.AssertError(third.Response, "too_many_requests");
        var retryAfter = third.Response.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30);
        Assert.Equal("\"perkey\";q=2;w=60", third.Header("RateLimit-Policy"));
        Assert.Equal($"\"perkey\";r=0;t={(int)retryAfter.Value.TotalSeconds}", third.Header("RateLimit"));
        Assert.DoesNotContain(KeyA, third.Response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_integrations_burst_does_not_throttle_another_key()
    {
        for (var i = 0; i < 4; i++)
        {
            await Call(KeyA, null);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Call(KeyA, null)).Status);

        var other = await Call(KeyB, null);

        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.StartsWith("\"perkey\";r=1;", other.Header("RateLimit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Call(CrmTestServer.ApiKey, "viewer")).Status);
    }

    [Fact]
    public async Task The_shared_key_is_limited_per_user()
    {
        for (var i = 0; i < 3; i++)
        {
            await Call(CrmTestServer.ApiKey, "bot-b");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Call(CrmTestServer.ApiKey, "bot-b")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Call(CrmTestServer.ApiKey, "BOT-B")).Status);

        Assert.Equal(HttpStatusCode.OK, (await Call(CrmTestServer.ApiKey, "viewer")).Status);
    }

    [Fact]
    public async Task A_refused_key_gets_the_policy_and_an_untouched_quota()
    {
        var answer = await Call("not-a-key-at-all", "viewer");

        Api.AssertError(answer.Response, "unauthorized");
        Assert.Equal("\"perkey\";q=2;w=60", answer.Header("RateLimit-Policy"));
        Assert.Equal("\"perkey\";r=2", answer.Header("RateLimit"));
    }

    [Fact]
    public async Task Per_minute_zero_turns_rate_limiting_off()
    {
        await using var unlimited = new CrmTestServer(new Dictionary<string, string?>
        {
            ["Crm:Storage:TablePrefix"] = _prefix,
            ["Crm:RateLimits:PerMinute"] = "0",
        });

        var answers = new List<KeyedAnswer>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await KeyedCall.SendAsync(unlimited.Client.Http, CrmTestServer.ApiKey, "viewer", ("command", "getcompanies")));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Null(a.Header("RateLimit")));
        Assert.All(answers, a => Assert.Null(a.Header("RateLimit-Policy")));
    }
}
