using Crm.Core.Access;
using Crm.Core.Endpoint;

namespace Crm.Core.Commands;

/// <summary>What a command gets: the call's parameters, the authenticated user, the request's cancellation and the command's own name.</summary>
public sealed record CommandContext(RequestParameters Parameters, CrmUser User, CancellationToken Cancellation)
{
    /// <summary>The command's name as the catalog spells it (not the caller's spelling).</summary>
    public string Command { get; init; } = "";
}
