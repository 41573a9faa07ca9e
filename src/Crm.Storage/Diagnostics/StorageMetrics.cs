namespace Crm.Storage.Diagnostics;

/// <summary>Counts what the CRM reads from Table Storage, so tests and benchmarks can prove a query stays small.</summary>
public sealed class StorageMetrics
{
    private long _rowsRead;
    private long _queries;

    public long RowsRead => Interlocked.Read(ref _rowsRead);
    public long Queries => Interlocked.Read(ref _queries);

    internal void CountQuery() => Interlocked.Increment(ref _queries);
    internal void CountRows(int rows) => Interlocked.Add(ref _rowsRead, rows);
}
