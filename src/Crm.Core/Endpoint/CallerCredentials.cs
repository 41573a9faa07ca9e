namespace Crm.Core.Endpoint;

/// <summary>Who calls: the API key and the user login, from headers or parameters.</summary>
public sealed record CallerCredentials(string? ApiKey, string? Login)
{
    /// <summary>The call's <c>Idempotency-Key</c> header (or <c>idempotencyKey</c> parameter), if any.</summary>
    public string? IdempotencyKey { get; init; }

    public override string ToString() => $"CallerCredentials {{ Login = {Login}, ApiKey = *** }}";
}
