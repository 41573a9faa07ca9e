namespace Crm.Core.Endpoint;

/// <summary>
/// What one call may cost, checked before the work it would cause (docs/limits.md). Each is far above what a
/// real call needs: an entry holds at most 252 values and 1 MiB, a field code at most 100 characters.
/// </summary>
public static class RequestLimits
{
    /// <summary>A form body over this is refused with 413 <c>too_large</c> (a full 1 MiB entry, percent-encoded, fits).</summary>
    public const long MaxBodyBytes = 4L * 1024 * 1024;

    /// <summary>Query string and form body together.</summary>
    public const int MaxParameters = 1000;

    public const int MaxParameterNameLength = 256;

    public const int MaxCommandNameLength = 64;

    /// <summary><c>crm_param_N</c> pairs of one <c>searchEntities</c> call; each is an index query.</summary>
    public const int MaxSearchCriteria = 20;

    /// <summary>"Did you mean" is offered only for names up to this length (its cost grows with length × candidates).</summary>
    public const int MaxSuggestedNameLength = 100;

    /// <summary>User input quoted back in an error is cut to this many characters.</summary>
    public const int MaxEchoLength = 100;

    /// <summary>An error's <c>details</c> are cut to this many characters, whatever they quote.</summary>
    public const int MaxDetailsLength = 2000;

    /// <summary>User input as quoted in an error: at most <see cref="MaxEchoLength"/> characters.</summary>
    public static string Echo(string input) => Cut(input, MaxEchoLength);

    public static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
