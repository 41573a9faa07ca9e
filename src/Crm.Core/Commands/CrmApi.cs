using Crm.Core.Access;
using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Core.Startup;

namespace Crm.Core.Commands;

/// <summary>
/// The one entry point both hosts call (docs/design.md#request-pipeline): authenticate the key and user, resolve the command,
/// authorize its right, run it.
/// </summary>
public sealed class CrmApi(CrmStartup startup, IApiKeyValidator keys, IUserDirectory users, CommandCatalog commands, IServiceProvider services)
{
    public async Task<CommandResult> ExecuteAsync(RequestParameters parameters, CallerCredentials caller, CancellationToken cancellationToken)
    {
        await startup.EnsureReadyAsync(cancellationToken);
        var user = await AuthenticateAsync(caller, cancellationToken);
        var command = commands.Resolve(parameters.Get("command"));
        var context = new CommandContext(parameters, user, cancellationToken);
        var right = command.RequiredRight(context);
        if (!user.Has(right))
        {
            throw CrmException.Forbidden(right);
        }
        return await command.ExecuteAsync(services, context);
    }

    /// <summary>
    /// Refuses a key known before the request body is read (header or query string), so a caller without a valid
    /// key cannot make the server read and parse a large body first.
    /// </summary>
    public async Task RefuseUnknownKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!await keys.IsValidAsync(apiKey, cancellationToken))
        {
            throw CrmException.Unauthorized();
        }
    }

    private async Task<CrmUser> AuthenticateAsync(CallerCredentials caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(caller.ApiKey) || string.IsNullOrWhiteSpace(caller.Login))
        {
            throw CrmException.Unauthorized();
        }
        if (!await keys.IsValidAsync(caller.ApiKey, cancellationToken))
        {
            throw CrmException.Unauthorized();
        }
        return await users.FindActiveUserAsync(caller.Login.Trim(), cancellationToken) ?? throw CrmException.Unauthorized();
    }
}
