namespace Crm.Storage.Entries;

/// <summary>A created entry: its id and the ETag of its row (null when the write was recognised by its token after a lost answer).</summary>
public sealed record WrittenEntry(long Id, string? Version);
