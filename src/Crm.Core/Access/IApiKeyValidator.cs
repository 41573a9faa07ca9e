namespace Crm.Core.Access;

/// <summary>Step one of every call: is this API key one of the valid ones?</summary>
public interface IApiKeyValidator
{
    /// <summary>True for a valid key. Throws a <c>CrmException</c> with code <c>unavailable</c> when it cannot tell.</summary>
    ValueTask<bool> IsValidAsync(string key, CancellationToken cancellationToken);
}
