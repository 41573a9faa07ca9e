using Crm.Core.Access;
using Crm.Core.Requests;

namespace Crm.Core.Commands;

/// <summary>What a command gets: the call's parameters, the authenticated user and the request's cancellation.</summary>
public sealed record CommandContext(RequestParameters Parameters, CrmUser User, CancellationToken Cancellation);
