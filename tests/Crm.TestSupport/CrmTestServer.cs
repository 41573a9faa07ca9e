using System.Net;
using System.Text.Json;
using Crm.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.TestSupport;

/// <summary>
/// Crm.Server on real Kestrel (loopback, free port) against Azurite, with its own table prefix.
/// Use one per test class (IClassFixture) or create one in a test for a fresh store.
/// </summary>
public sealed class CrmTestServer : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789";
    public const string Admin = "admin";

    private readonly WebApplication _app;

    public CrmTestServer() : this(new Dictionary<string, string?>())
    {
    }

    public CrmTestServer(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        TablePrefix = settings.TryGetValue("Crm:Storage:TablePrefix", out var prefix) && prefix is not null ? prefix : Azurite.NewTablePrefix();
        var configuration = new Dictionary<string, string?>
        {
            // The shared Azurite only when no other storage is given (a class with an Azurite of its own must not start it).
            ["Crm:Storage:ConnectionString"] = settings.TryGetValue("Crm:Storage:ConnectionString", out var storage) && storage is not null ? storage : Azurite.ConnectionString,
            ["Crm:Storage:TablePrefix"] = TablePrefix,
            ["Crm:ApiKeys:Local:0"] = ApiKey,
            ["Crm:Bootstrap:Admin"] = Admin,
            ["Logging:LogLevel:Default"] = "Warning",
            // No scheduled sync in tests unless a test asks for one: a tick at xx:00 must not race a test.
            ["Crm:Sync:Schedule"] = "",
            // Suites make thousands of calls a minute as one user; the rate limit's own tests set a limit.
            ["Crm:RateLimits:PerMinute"] = "0",
            ["Crm:Sync:QueueName"] = Azurite.QueueNameFor(TablePrefix),
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        _app = CrmServerApp.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.UseShortStorageRetries();
            configure?.Invoke(builder);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        Client = new CrmClient(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) });
    }

    public string TablePrefix { get; }
    public Uri BaseAddress { get; }
    public CrmClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Calls the endpoint the way integrations do: GET with a query string, or a form POST.</summary>
public sealed class CrmClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public Task<CrmResponse> GetAsync(params (string Name, string Value)[] parameters) => SendAsync(HttpMethod.Get, parameters, withCredentials: true);

    public Task<CrmResponse> PostAsync(params (string Name, string Value)[] parameters) => SendAsync(HttpMethod.Post, parameters, withCredentials: true);

    public Task<CrmResponse> CallAsync(bool post, params (string Name, string Value)[] parameters) =>
        SendAsync(post ? HttpMethod.Post : HttpMethod.Get, parameters, withCredentials: true);

    public Task<CrmResponse> GetWithoutCredentialsAsync(params (string Name, string Value)[] parameters) => SendAsync(HttpMethod.Get, parameters, withCredentials: false);

    public async Task<CrmResponse> SendAsync(HttpMethod method, IEnumerable<(string Name, string Value)> parameters, bool withCredentials)
    {
        var all = parameters.ToList();
        if (withCredentials)
        {
            all.Insert(0, ("userName", CrmTestServer.Admin));
            all.Insert(0, ("apiKey", CrmTestServer.ApiKey));
        }
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + Query(all))
            : new HttpRequestMessage(HttpMethod.Post, "/plugins/servlet/crm/api")
            {
                Content = new FormUrlEncodedContent(all.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))),
            };
        return await SendAsync(request);
    }

    public async Task<CrmResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new CrmResponse(response.StatusCode, body, response.Content.Headers.ContentType?.ToString() ?? "", response.Headers.RetryAfter?.Delta)
        {
            ETag = response.Headers.ETag?.ToString(),
        };
    }

    public static string Query(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    public void Dispose() => http.Dispose();
}

public sealed record CrmResponse(HttpStatusCode Status, string Body, string ContentType, TimeSpan? RetryAfter)
{
    private JsonElement? _json;

    public JsonElement Json => _json ??= JsonDocument.Parse(Body).RootElement.Clone();

    public bool Success => Json.GetProperty("success").GetBoolean();

    public string this[string property] => Json.GetProperty(property).GetString()!;

    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>The answer's <c>ETag</c> header as sent (quoted), if any.</summary>
    public string? ETag { get; init; }

    public IReadOnlyList<string> Keys => Json.EnumerateObject().Select(p => p.Name).ToList();

    public override string ToString() => $"{(int)Status} {Body}";
}
