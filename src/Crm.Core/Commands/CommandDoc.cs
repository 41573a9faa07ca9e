namespace Crm.Core.Commands;

/// <summary>
/// What a command takes and answers, for people and generators: <c>GET /openapi.json</c> and <c>/docs</c> are built
/// from it (<see cref="Discovery.OpenApiDocumentBuilder"/>). Every <see cref="CrmCommand"/> must have one, so a
/// command cannot exist undescribed. The error answers come from <see cref="Errors.ErrorCode"/>, the key from the
/// endpoint, so neither is repeated here.
/// </summary>
public sealed record CommandDoc(string Summary, CommandAnswer Answer)
{
    public IReadOnlyList<CommandParameter> Parameters { get; init; } = [];

    /// <summary>Reads field values in the three forms of docs/api.md#naming-fields (<c>clients-&lt;code&gt;</c>, <c>crm_param_N</c>, <c>view-clients-&lt;code&gt;</c>).</summary>
    public bool TakesFields { get; init; }

    /// <summary>The right in words, required when it depends on the parameters (a fixed right describes itself).</summary>
    public string? Right { get; init; }

    /// <summary>Takes <c>limit</c> and <c>cursor</c> and answers <c>nextCursor</c> (docs/api.md#paging).</summary>
    public bool Paged { get; init; }

    /// <summary>Takes <c>If-Match</c> (header) or <c>ifMatch</c> (parameter); a stale one is <c>412 precondition_failed</c>.</summary>
    public bool IfMatch { get; init; }

    /// <summary>Answers one entry and sends its version in an <c>ETag</c> header.</summary>
    public bool SendsETag { get; init; }

    /// <summary>Why this description cannot describe <paramref name="command"/>, or null when it can.</summary>
    public string? Problem(string command, bool rightIsFixed) =>
        string.IsNullOrWhiteSpace(Summary) ? $"{command} has no summary."
        : Answer is null ? $"{command} has no answer description."
        : !rightIsFixed && string.IsNullOrWhiteSpace(Right) ? $"{command} has a right that depends on its parameters but does not say which."
        : Parameters.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Description)) is { } bare
            ? $"{command} has a parameter without a name or description ('{bare.Name}')."
        : Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"{command} describes the parameter '{twice.Key}' twice."
        : null;
}

/// <summary>One parameter of a command (query string or form body).</summary>
public sealed record CommandParameter(string Name, string Description, bool Required = false)
{
    public static CommandParameter Needed(string name, string description) => new(name, description, Required: true);
}
