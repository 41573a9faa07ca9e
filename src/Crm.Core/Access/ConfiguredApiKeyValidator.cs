using Crm.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>Keys from configuration (<c>Crm:ApiKeys:Local</c>, <c>Crm:ApiKeys:Named</c>), for local runs without a vault.</summary>
public sealed class ConfiguredApiKeyValidator : IApiKeyValidator
{
    private readonly KeyRing _ring;

    public ConfiguredApiKeyValidator(IOptions<ApiKeyOptions> options, TimeProvider clock, ILogger<ConfiguredApiKeyValidator> logger)
    {
        var settings = options.Value;
        var keys = new List<ApiKey>();
        var shared = settings.Local.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (settings.AllowShared && shared.Count > 0)
        {
            keys.Add(new ApiKey(settings.SecretName, ApiKeyKind.Shared, null, ApiKeySource.Configuration,
                [.. shared.Select((value, i) => Version($"Local:{i}", value))]));
        }
        foreach (var (name, named) in settings.Named.OrderBy(n => n.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(named.Key) || string.IsNullOrWhiteSpace(named.User))
            {
                logger.LogWarning("The named key {Name} in {Section}:Named is ignored: it needs both Key and User.", name, ApiKeyOptions.SectionName);
                continue;
            }
            keys.Add(new ApiKey(name, ApiKeyKind.Named, named.User.Trim(), ApiKeySource.Configuration, [Version($"Named:{name}", named.Key)]));
        }
        _ring = new KeyRing(keys, clock.GetUtcNow());
    }

    public ValueTask<ApiKey?> MatchAsync(string key, CancellationToken cancellationToken)
    {
        if (_ring.Keys.Count == 0)
        {
            throw CrmException.Unavailable("No API key is configured: set Crm:KeyVault:Uri, Crm:ApiKeys:Local or Crm:ApiKeys:Named.");
        }
        // Configured keys carry no validity window, so the time of the check does not matter.
        return ValueTask.FromResult(_ring.Match(key, _ring.LoadedAt));
    }

    public ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_ring.Keys);

    private static ApiKeyVersion Version(string id, string value) => new(id, KeyHash.Of(value), null, null, null);
}
