namespace Crm.Core.Sync;

/// <summary>The user directory could not be read completely; the run stops before writing anything.</summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
