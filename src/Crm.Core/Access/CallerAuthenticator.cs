using Crm.Core.Errors;
using Crm.Core.Endpoint;

namespace Crm.Core.Access;

/// <summary>The key of a call and the login it acts as.</summary>
public sealed record CallerIdentity(ApiKey Key, string Login);

/// <summary>
/// Step one of every call: which key, acting as which login. A named key acts as its user: the call may name no user or
/// that same user (case-insensitively); the shared key acts as the user the call names. Every refusal is a 401.
/// </summary>
public sealed class CallerAuthenticator(IApiKeyValidator keys)
{
    /// <summary>Throws <c>unauthorized</c> unless the key has a version valid now (checked before a body is read).</summary>
    public async Task RequireKnownKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (await keys.MatchAsync(apiKey, cancellationToken) is null)
        {
            throw CrmException.Unauthorized();
        }
    }

    public async Task<CallerIdentity> IdentifyAsync(CallerCredentials caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(caller.ApiKey))
        {
            throw CrmException.Unauthorized();
        }
        var key = await keys.MatchAsync(caller.ApiKey, cancellationToken) ?? throw CrmException.Unauthorized();
        var named = caller.Login?.Trim();
        if (key.Kind == ApiKeyKind.Named)
        {
            if (!string.IsNullOrEmpty(named) && !string.Equals(named, key.User, StringComparison.OrdinalIgnoreCase))
            {
                throw new CrmException(ErrorCode.Unauthorized, $"This key acts as {key.User}; leave the user out or name {key.User}.");
            }
            return new CallerIdentity(key, key.User!);
        }
        return string.IsNullOrEmpty(named) ? throw CrmException.Unauthorized() : new CallerIdentity(key, named);
    }
}
