namespace Crm.Core.Sync;

/// <summary>
/// The user directory could not be read completely; the run stops before writing anything.
/// <see cref="Exception.Message"/> is for the log (it may name URLs); <see cref="Summary"/> is what callers see.
/// </summary>
public sealed class DirectoryUnavailableException(string summary, string logMessage, Exception? inner = null) : Exception(logMessage, inner)
{
    public DirectoryUnavailableException(string summary) : this(summary, summary)
    {
    }

    /// <summary>A short reason without exception text, URLs, headers or host names.</summary>
    public string Summary { get; } = summary;
}
