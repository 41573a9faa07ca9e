namespace Crm.Core.Errors;

/// <summary>The one error type of the CRM: carries the spec's code; the endpoint turns it into status and JSON.</summary>
public sealed class CrmException(ErrorCode code, string details) : Exception(details)
{
    public ErrorCode Code { get; } = code;
    public string Details { get; } = details;

    /// <summary>For <see cref="ErrorCode.Duplicate"/>: the id of the entry that holds the value.</summary>
    public string? ExistingId { get; init; }

    /// <summary>For <see cref="ErrorCode.PreconditionFailed"/>: the entry's current version, sent as the answer's <c>ETag</c>.</summary>
    public string? CurrentETag { get; init; }

    /// <summary>For <see cref="ErrorCode.TooManyRequests"/> and <see cref="ErrorCode.Unavailable"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static CrmException BadRequest(string details) => new(ErrorCode.BadRequest, details);
    public static CrmException NotFound(string details) => new(ErrorCode.NotFound, details);
    public static CrmException Forbidden(string right) => new(ErrorCode.Forbidden, $"You lack the right '{right}'.");
    public static CrmException Unauthorized() => new(ErrorCode.Unauthorized, "The API key or the user was not accepted.");
    public static CrmException Unavailable(string details) => new(ErrorCode.Unavailable, details) { RetryAfter = TimeSpan.FromSeconds(5) };
}
