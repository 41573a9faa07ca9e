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

/// <summary>
/// A write was planned with an older generation of the table's schema than storage holds (the entry was written,
/// or the table's counter raised, with a newer one): the caller reloads the schema and plans the write again.
/// </summary>
public sealed class StaleSchemaException(string table, long plannedWith, long current)
    : Exception($"The schema of {table} changed (generation {plannedWith} → {current}) while this write was planned.")
{
    public string Table { get; } = table;
    public long Current { get; } = current;
}
