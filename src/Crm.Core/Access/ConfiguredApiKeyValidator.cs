using Crm.Core.Errors;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>Keys from configuration (<c>Crm:ApiKeys:Local</c>), for local runs without a vault.</summary>
public sealed class ConfiguredApiKeyValidator(IOptions<ApiKeyOptions> options) : IApiKeyValidator
{
    private readonly byte[][] _hashes = options.Value.Local.Where(k => !string.IsNullOrWhiteSpace(k)).Select(KeyHash.Of).ToArray();

    public ValueTask<bool> IsValidAsync(string key, CancellationToken cancellationToken)
    {
        if (_hashes.Length == 0)
        {
            throw CrmException.Unavailable("No API key is configured: set Crm:KeyVault:Uri or Crm:ApiKeys:Local.");
        }
        return ValueTask.FromResult(KeyHash.AnyMatches(_hashes, key));
    }
}
