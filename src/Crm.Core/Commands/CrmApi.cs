using Crm.Core.Access;
using Crm.Core.Endpoint;
using Crm.Core.Errors;
using Crm.Core.Idempotency;
using Crm.Core.Startup;

namespace Crm.Core.Commands;

/// <summary>
/// The one entry point both hosts call (docs/design.md#request-pipeline): identify the key and the login it acts as,
/// take the call from the key's rate limit, resolve the command, authorize its right, run it.
/// </summary>
public sealed class CrmApi(
    CrmStartup startup,
    CallerAuthenticator authenticator,
    KeyRateLimiter rateLimiter,
    KeyUsageRecorder usage,
    IUserDirectory users,
    CommandCatalog commands,
    IdempotentCalls idempotentCalls,
    IServiceProvider services)
{
    /// <param name="reportRateLimit">Gets the caller's rate limit state once its key is known (for the response headers).</param>
    public async Task<CommandResult> ExecuteAsync(
        RequestParameters parameters, CallerCredentials caller, CancellationToken cancellationToken, Action<RateLimitState>? reportRateLimit = null)
    {
        await startup.EnsureReadyAsync(cancellationToken);
        var identity = await authenticator.IdentifyAsync(caller, cancellationToken);
        rateLimiter.Acquire(identity.Key, identity.Login, reportRateLimit);
        usage.Record(identity.Key);
        var user = await users.FindActiveUserAsync(identity.Login, cancellationToken) ?? throw CrmException.Unauthorized();
        var command = commands.Resolve(parameters.Get("command"));
        var context = new CommandContext(parameters, user, cancellationToken);
        var right = command.RequiredRight(context);
        if (!user.Has(right))
        {
            throw CrmException.Forbidden(right);
        }
        if (command.Writes && caller.IdempotencyKey is { } idempotencyKey)
        {
            return await idempotentCalls.RunAsync(
                idempotencyKey, caller, user, parameters, command.RecordsCallsInWrites, () => command.ExecuteAsync(services, context), cancellationToken);
        }
        return await command.ExecuteAsync(services, context);
    }

    /// <summary>
    /// Refuses a key known before the request body is read (header or query string), so a caller without a valid
    /// key cannot make the server read and parse a large body first.
    /// </summary>
    public Task RefuseUnknownKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        authenticator.RequireKnownKeyAsync(apiKey, cancellationToken);
}
