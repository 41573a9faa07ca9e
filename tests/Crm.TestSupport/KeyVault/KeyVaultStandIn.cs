using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Crm.TestSupport.KeyVault;

/// <summary>
/// An in-process Azure Key Vault (secrets only) on ASP.NET Core's TestServer, speaking the secrets REST protocol
/// the real <see cref="SecretClient"/> expects: the 401 challenge before anything else, absolute ids, version
/// listings paged with an absolute <c>nextLink</c> (<see cref="PageSize"/> items per page), attributes
/// (<c>enabled</c>, <c>nbf</c>, <c>exp</c>, <c>created</c>, <c>updated</c>) in unix seconds, tags per version (the secrets
/// listing shows the current version's, as the service does), and the vault's error JSON.
/// Each instance has its own vault host name, because the SDK caches the challenge per host for the whole process.
/// It counts what it serves (<see cref="Calls"/>) and can be made to fail (<see cref="Failure"/>).
/// </summary>
public sealed class KeyVaultStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-access-token";
    public const int PageSize = 2;

    private const string Tenant = "00000000-0000-0000-0000-00000000c0de";
    private readonly Dictionary<string, List<StoredVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly WebApplication _app;
    private readonly TestServer _server;

    public KeyVaultStandIn(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        VaultUri = new Uri($"https://kv{Guid.NewGuid().ToString("N")[..12]}.vault.azure.net/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        _server = _app.GetTestServer();
        Admin = CreateClient();
    }

    public Uri VaultUri { get; }

    public KeyVaultCallCounts Calls { get; private set; } = new();

    public KeyVaultFailure Failure { get; set; }

    /// <summary>A client for the test's own changes (adding and disabling versions); its calls count as writes.</summary>
    public SecretClient Admin { get; }

    /// <summary>A real <see cref="SecretClient"/> whose transport is this stand-in. No retries, so counts are exact.</summary>
    public SecretClient CreateClient()
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(new FailureSwitch(this, _server.CreateHandler()))),
        };
        options.Retry.MaxRetries = 0;
        return new SecretClient(VaultUri, new FixedTokenCredential(Token), options);
    }

    public void ResetCounts() => Calls = new KeyVaultCallCounts();

    /// <summary>Adds a version through the real client (PUT), as <c>az keyvault secret set</c> does; returns its version id.</summary>
    public async Task<string> AddVersionAsync(
        string name, string value, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, bool enabled = true, IReadOnlyDictionary<string, string>? tags = null)
    {
        var secret = new KeyVaultSecret(name, value);
        secret.Properties.NotBefore = notBefore;
        secret.Properties.ExpiresOn = expires;
        secret.Properties.Enabled = enabled;
        foreach (var (tag, tagValue) in tags ?? new Dictionary<string, string>())
        {
            secret.Properties.Tags[tag] = tagValue;
        }
        return (await Admin.SetSecretAsync(secret)).Value.Properties.Version;
    }

    /// <summary>A named key's version as <c>az keyvault secret set --name crm-key-&lt;name&gt; --tags crm-user=&lt;user&gt;</c> adds it.</summary>
    public Task<string> AddNamedKeyVersionAsync(string keyName, string user, string value, DateTimeOffset? expires = null) =>
        AddVersionAsync("crm-key-" + keyName, value, expires: expires, tags: new Dictionary<string, string> { ["crm-user"] = user });

    /// <summary>Enables or disables one version through the real client (PATCH), as <c>az keyvault secret set-attributes --enabled</c> does.</summary>
    public async Task SetEnabledAsync(string name, string version, bool enabled)
    {
        var properties = (await Admin.GetSecretAsync(name, version)).Value.Properties;
        properties.Enabled = enabled;
        await Admin.UpdateSecretPropertiesAsync(properties);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var calls = Calls;
        calls.CountRequest();
        if (Failure == KeyVaultFailure.ServerError)
        {
            calls.CountFailure();
            await WriteErrorAsync(http, HttpStatusCode.InternalServerError, "InternalServerError", "The stand-in was told to fail.");
            return;
        }
        if (Failure == KeyVaultFailure.Throttled)
        {
            // As the service answers past its per-vault transaction limit: 429, Retry-After, the error JSON.
            calls.CountFailure();
            http.Response.Headers.RetryAfter = "10";
            await WriteErrorAsync(http, HttpStatusCode.TooManyRequests, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
            return;
        }
        // Authentication comes before anything else, as in the real service: the SDK's first request has no token (and no body).
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            calls.CountChallenge();
            http.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{Tenant}\", resource=\"https://vault.azure.net\"";
            await WriteErrorAsync(http, HttpStatusCode.Unauthorized, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            return;
        }
        if (string.IsNullOrEmpty(http.Request.Query["api-version"]))
        {
            await WriteErrorAsync(http, HttpStatusCode.BadRequest, "BadParameter", "The api-version query parameter is missing.");
            return;
        }
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = http.Request.Method;
        switch (segments)
        {
            case ["secrets"] when HttpMethods.IsGet(method):
                calls.CountSecretListingPage(first: string.IsNullOrEmpty(http.Request.Query["$skiptoken"]));
                await ListSecretsAsync(http);
                break;
            case ["secrets", var name, "versions"] when HttpMethods.IsGet(method):
                await ListVersionsAsync(http, name, calls);
                break;
            case ["secrets", var name] when HttpMethods.IsPut(method):
                calls.CountWrite();
                await SetAsync(http, name);
                break;
            case ["secrets", var name] when HttpMethods.IsGet(method):
                calls.CountValueRead();
                await GetAsync(http, name, version: null);
                break;
            case ["secrets", var name, var version] when HttpMethods.IsGet(method):
                calls.CountValueRead();
                await GetAsync(http, name, version);
                break;
            case ["secrets", var name, var version] when HttpMethods.IsPatch(method):
                calls.CountWrite();
                await UpdateAsync(http, name, version);
                break;
            case ["secrets", var name] when HttpMethods.IsDelete(method):
                calls.CountWrite();
                await DeleteAsync(http, name);
                break;
            default:
                await WriteErrorAsync(http, HttpStatusCode.BadRequest, "BadParameter", $"No operation {method} {http.Request.Path}.");
                break;
        }
    }

    private async Task SetAsync(HttpContext http, string name)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        if (!body.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            await WriteErrorAsync(http, HttpStatusCode.BadRequest, "BadParameter", "Property 'value' is required.");
            return;
        }
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var stored = new StoredVersion(Guid.NewGuid().ToString("N"), value.GetString()!, now)
        {
            ContentType = body.RootElement.TryGetProperty("contentType", out var contentType) ? contentType.GetString() : null,
        };
        if (body.RootElement.TryGetProperty("tags", out var tags))
        {
            stored.SetTags(tags);
        }
        if (body.RootElement.TryGetProperty("attributes", out var attributes))
        {
            stored.Apply(attributes, now);
        }
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                _secrets[name] = versions = [];
            }
            versions.Add(stored);
        }
        await WriteJsonAsync(http, HttpStatusCode.OK, Bundle(http, name, stored, withValue: true));
    }

    private async Task GetAsync(HttpContext http, string name, string? version)
    {
        var stored = Find(name, version);
        if (stored is null)
        {
            await WriteNotFoundAsync(http, name, version);
            return;
        }
        if (!stored.Enabled)
        {
            await WriteErrorAsync(http, HttpStatusCode.Forbidden, "Forbidden", "Operation get is not allowed on a disabled secret.");
            return;
        }
        await WriteJsonAsync(http, HttpStatusCode.OK, Bundle(http, name, stored, withValue: true));
    }

    private async Task UpdateAsync(HttpContext http, string name, string version)
    {
        var stored = Find(name, version);
        if (stored is null)
        {
            await WriteNotFoundAsync(http, name, version);
            return;
        }
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        lock (_lock)
        {
            if (body.RootElement.TryGetProperty("attributes", out var attributes))
            {
                stored.Apply(attributes, _clock.GetUtcNow().ToUnixTimeSeconds());
            }
            if (body.RootElement.TryGetProperty("contentType", out var contentType))
            {
                stored.ContentType = contentType.GetString();
            }
            if (body.RootElement.TryGetProperty("tags", out var tags))
            {
                stored.SetTags(tags);
            }
        }
        await WriteJsonAsync(http, HttpStatusCode.OK, Bundle(http, name, stored, withValue: false));
    }

    private async Task DeleteAsync(HttpContext http, string name)
    {
        StoredVersion? latest;
        lock (_lock)
        {
            latest = _secrets.TryGetValue(name, out var versions) ? versions[^1] : null;
            _secrets.Remove(name);
        }
        if (latest is null)
        {
            await WriteNotFoundAsync(http, name, null);
            return;
        }
        var deleted = Bundle(http, name, latest, withValue: false);
        deleted["recoveryId"] = $"{Origin(http)}/deletedsecrets/{name}";
        deleted["deletedDate"] = _clock.GetUtcNow().ToUnixTimeSeconds();
        deleted["scheduledPurgeDate"] = _clock.GetUtcNow().AddDays(90).ToUnixTimeSeconds();
        await WriteJsonAsync(http, HttpStatusCode.OK, deleted);
    }

    private async Task ListVersionsAsync(HttpContext http, string name, KeyVaultCallCounts calls)
    {
        var skip = ParseSkipToken(http.Request.Query["$skiptoken"]);
        calls.CountVersionPage(first: skip == 0);
        List<StoredVersion> versions;
        lock (_lock)
        {
            versions = _secrets.TryGetValue(name, out var all) ? [.. all] : [];
        }
        // Like the service: an unknown secret lists no versions (no 404).
        var items = versions.Skip(skip).Take(PageSizeOf(http)).Select(v => ListItem(http, name, v, withVersion: true)).ToList();
        var next = skip + items.Count < versions.Count
            ? $"{Origin(http)}/secrets/{Uri.EscapeDataString(name)}/versions?api-version={http.Request.Query["api-version"]}&$skiptoken={SkipToken(skip + items.Count)}&maxresults={PageSizeOf(http)}"
            : null;
        await WriteJsonAsync(http, HttpStatusCode.OK, new Dictionary<string, object?> { ["value"] = items, ["nextLink"] = next });
    }

    private async Task ListSecretsAsync(HttpContext http)
    {
        var skip = ParseSkipToken(http.Request.Query["$skiptoken"]);
        List<(string Name, StoredVersion Latest)> secrets;
        lock (_lock)
        {
            secrets = _secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value[^1])).ToList();
        }
        var items = secrets.Skip(skip).Take(PageSizeOf(http)).Select(s => ListItem(http, s.Name, s.Latest, withVersion: false)).ToList();
        var next = skip + items.Count < secrets.Count
            ? $"{Origin(http)}/secrets?api-version={http.Request.Query["api-version"]}&$skiptoken={SkipToken(skip + items.Count)}&maxresults={PageSizeOf(http)}"
            : null;
        await WriteJsonAsync(http, HttpStatusCode.OK, new Dictionary<string, object?> { ["value"] = items, ["nextLink"] = next });
    }

    private StoredVersion? Find(string name, string? version)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                return null;
            }
            return string.IsNullOrEmpty(version) ? versions[^1] : versions.FirstOrDefault(v => v.Id == version);
        }
    }

    private static int PageSizeOf(HttpContext http) =>
        int.TryParse(http.Request.Query["maxresults"], CultureInfo.InvariantCulture, out var wanted) && wanted is > 0 and < PageSize ? wanted : KeyVaultStandIn.PageSize;

    private static string SkipToken(int offset) => Convert.ToBase64String(BitConverter.GetBytes(offset));

    private static int ParseSkipToken(string? token) =>
        string.IsNullOrEmpty(token) ? 0 : BitConverter.ToInt32(Convert.FromBase64String(token));

    private static string Origin(HttpContext http) => "https://" + http.Request.Host.Value;

    private static Dictionary<string, object?> Bundle(HttpContext http, string name, StoredVersion version, bool withValue)
    {
        var bundle = new Dictionary<string, object?>
        {
            ["id"] = $"{Origin(http)}/secrets/{name}/{version.Id}",
            ["attributes"] = version.Attributes(),
            ["tags"] = version.Tags,
        };
        if (withValue)
        {
            bundle["value"] = version.Value;
        }
        if (version.ContentType is not null)
        {
            bundle["contentType"] = version.ContentType;
        }
        return bundle;
    }

    private static Dictionary<string, object?> ListItem(HttpContext http, string name, StoredVersion version, bool withVersion)
    {
        var item = new Dictionary<string, object?>
        {
            ["id"] = withVersion ? $"{Origin(http)}/secrets/{name}/{version.Id}" : $"{Origin(http)}/secrets/{name}",
            ["attributes"] = version.Attributes(),
            ["tags"] = version.Tags,
        };
        if (version.ContentType is not null)
        {
            item["contentType"] = version.ContentType;
        }
        return item;
    }

    private static Task WriteNotFoundAsync(HttpContext http, string name, string? version) =>
        WriteErrorAsync(http, HttpStatusCode.NotFound, "SecretNotFound",
            $"A secret with (name/id) {name}{(version is null ? "" : "/" + version)} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.");

    private static Task WriteErrorAsync(HttpContext http, HttpStatusCode status, string code, string message) =>
        WriteJsonAsync(http, status, new Dictionary<string, object?> { ["error"] = new Dictionary<string, object?> { ["code"] = code, ["message"] = message } });

    private static async Task WriteJsonAsync(HttpContext http, HttpStatusCode status, object body)
    {
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, body);
    }

    private sealed class StoredVersion(string id, string value, long created)
    {
        public string Id { get; } = id;
        public string Value { get; } = value;
        public string? ContentType { get; set; }
        public bool Enabled { get; private set; } = true;
        public long? NotBefore { get; private set; }
        public long? Expires { get; private set; }
        public long Created { get; } = created;
        public long Updated { get; private set; } = created;
        public Dictionary<string, string> Tags { get; private set; } = [];

        public void SetTags(JsonElement tags) =>
            Tags = tags.ValueKind == JsonValueKind.Object
                ? tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString() ?? "")
                : [];

        public void Apply(JsonElement attributes, long now)
        {
            if (attributes.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                Enabled = enabled.GetBoolean();
            }
            if (attributes.TryGetProperty("nbf", out var nbf))
            {
                NotBefore = nbf.ValueKind == JsonValueKind.Number ? nbf.GetInt64() : null;
            }
            if (attributes.TryGetProperty("exp", out var exp))
            {
                Expires = exp.ValueKind == JsonValueKind.Number ? exp.GetInt64() : null;
            }
            Updated = now;
        }

        public Dictionary<string, object?> Attributes()
        {
            var attributes = new Dictionary<string, object?>
            {
                ["enabled"] = Enabled,
                ["created"] = Created,
                ["updated"] = Updated,
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            };
            if (NotBefore is { } nbf)
            {
                attributes["nbf"] = nbf;
            }
            if (Expires is { } exp)
            {
                attributes["exp"] = exp;
            }
            return attributes;
        }
    }

    /// <summary>Between the client and the TestServer: counts failed calls and simulates an unreachable vault.</summary>
    private sealed class FailureSwitch(KeyVaultStandIn vault, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (vault.Failure == KeyVaultFailure.Unreachable)
            {
                vault.Calls.CountRequest();
                vault.Calls.CountFailure();
                throw new HttpRequestException($"Connection refused ({request.RequestUri?.Host}:443)", new System.Net.Sockets.SocketException(111));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
