namespace Crm.Storage.Entries;

/// <summary>A unique value is already claimed by another entry.</summary>
public sealed class DuplicateValueException(string field, long existingId)
    : Exception($"The value of {field} is already used by entry {existingId}.")
{
    public string Field { get; } = field;
    public long ExistingId { get; } = existingId;
}

/// <summary>Concurrent writers kept winning; the caller may retry.</summary>
public sealed class WriteConflictException(string message) : Exception(message);

/// <summary>A write would break a Table Storage limit that the emulator does not enforce.</summary>
public sealed class StorageLimitException(string message) : Exception(message)
{
    /// <summary>The entry property whose value takes the most room, when the limit is one of size.</summary>
    public string? Property { get; init; }
}

/// <summary>The entry to change does not exist (any more).</summary>
public sealed class EntryNotFoundException(string table, long id) : Exception($"{table} has no entry {id}.")
{
    public long Id { get; } = id;
}
