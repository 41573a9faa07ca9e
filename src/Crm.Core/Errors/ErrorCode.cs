namespace Crm.Core.Errors;

/// <summary>The stable error codes of docs/api.md#answers-and-errors.</summary>
public enum ErrorCode
{
    BadRequest,
    UnknownCommand,
    Unauthorized,
    Forbidden,
    NotFound,
    Duplicate,
    Conflict,
    PreconditionFailed,
    IdempotencyMismatch,
    TooManyRequests,
    Unavailable,
    TooLarge,
    Internal,
}

public static class ErrorCodes
{
    public static string Wire(this ErrorCode code) => code switch
    {
        ErrorCode.BadRequest => "bad_request",
        ErrorCode.UnknownCommand => "unknown_command",
        ErrorCode.Unauthorized => "unauthorized",
        ErrorCode.Forbidden => "forbidden",
        ErrorCode.NotFound => "not_found",
        ErrorCode.Duplicate => "duplicate",
        ErrorCode.Conflict => "conflict",
        ErrorCode.PreconditionFailed => "precondition_failed",
        ErrorCode.IdempotencyMismatch => "idempotency_mismatch",
        ErrorCode.TooManyRequests => "too_many_requests",
        ErrorCode.Unavailable => "unavailable",
        ErrorCode.TooLarge => "too_large",
        _ => "internal",
    };

    /// <summary>The code of a wire name (a replayed answer); <see cref="ErrorCode.Internal"/> for an unknown one.</summary>
    public static ErrorCode FromWire(string? wire) =>
        Enum.GetValues<ErrorCode>().FirstOrDefault(code => code.Wire() == wire, ErrorCode.Internal);

    public static int HttpStatus(this ErrorCode code) => code switch
    {
        ErrorCode.BadRequest or ErrorCode.UnknownCommand => 400,
        ErrorCode.Unauthorized => 401,
        ErrorCode.Forbidden => 403,
        ErrorCode.NotFound => 404,
        ErrorCode.Duplicate or ErrorCode.Conflict => 409,
        ErrorCode.PreconditionFailed => 412,
        ErrorCode.IdempotencyMismatch => 422,
        ErrorCode.TooManyRequests => 429,
        ErrorCode.Unavailable => 503,
        ErrorCode.TooLarge => 413,
        _ => 500,
    };
}
