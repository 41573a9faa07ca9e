using System.Collections.Concurrent;

namespace Crm.Storage.Entries;

/// <summary>
/// Makes the write tokens of the calls inside it derive from one seed (an idempotency key's hash). With a
/// fingerprint, the call is also recorded in the transactions it writes (<see cref="CallRecord"/>).
/// </summary>
public sealed class WriteTokenScope : IDisposable
{
    private static readonly AsyncLocal<WriteTokenScope?> Active = new();
    private readonly WriteTokenScope? _previous;
    private readonly ConcurrentDictionary<string, byte> _recordedTables = new(StringComparer.Ordinal);
    private string? _addressedTable;

    private WriteTokenScope(string seed, string? fingerprint)
    {
        Seed = seed;
        Fingerprint = fingerprint;
        _previous = Active.Value;
        Active.Value = this;
    }

    public static WriteTokenScope? Current => Active.Value;

    public static string? CurrentSeed => Active.Value?.Seed;

    /// <summary>True inside a scope: a token may exist before the write (a repeated call), so a missing entry is checked against it.</summary>
    public static bool IsActive => Active.Value is not null;

    public string Seed { get; }

    /// <summary>The call's parameters, hashed; null when the call is recorded elsewhere.</summary>
    public string? Fingerprint { get; }

    /// <summary>The tables whose partitions hold this call's record.</summary>
    public IReadOnlyCollection<string> RecordedTables => _recordedTables.Keys.ToList();

    /// <summary>The table the call's refusal is recorded in: the first it addressed or wrote.</summary>
    public string? RecordTable => _addressedTable ?? _recordedTables.Keys.FirstOrDefault();

    public static WriteTokenScope Begin(string seed, string? fingerprint = null) => new(seed, fingerprint);

    /// <summary>Notes the table a call works on before it writes (so a refusal can be recorded there).</summary>
    public static void Address(string table)
    {
        if (Active.Value is { } scope)
        {
            Interlocked.CompareExchange(ref scope._addressedTable, table, null);
        }
    }

    /// <summary>True the first time per table: that write carries the record.</summary>
    internal bool TakeRecordFor(string table) => _recordedTables.TryAdd(table, 0);

    public void Dispose() => Active.Value = _previous;
}
