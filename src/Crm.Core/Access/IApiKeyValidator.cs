namespace Crm.Core.Access;

/// <summary>Step one of every call: which key (if any) is this?</summary>
public interface IApiKeyValidator
{
    /// <summary>The key with a version of this value valid now, or null. Throws a <c>CrmException</c> with code <c>unavailable</c> when it cannot tell.</summary>
    ValueTask<ApiKey?> MatchAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key currently known (for <c>getkeys</c>).</summary>
    ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);
}
