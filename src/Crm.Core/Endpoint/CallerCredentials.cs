namespace Crm.Core.Endpoint;

/// <summary>Who calls: the API key and the user login, from headers or parameters.</summary>
public sealed record CallerCredentials(string? ApiKey, string? Login)
{
    public override string ToString() => $"CallerCredentials {{ Login = {Login}, ApiKey = *** }}";
}
