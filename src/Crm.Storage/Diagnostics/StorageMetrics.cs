using System.Diagnostics.Metrics;

namespace Crm.Storage.Diagnostics;

/// <summary>
/// Counts what the CRM reads from Table Storage on the <c>Crm.Storage</c> meter, so tests and benchmarks can prove
/// a query stays small (they read it with a MetricCollector) and telemetry can export it.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Crm.Storage";
    public const string QueriesInstrument = "crm.storage.queries";
    public const string RowsReadInstrument = "crm.storage.rows_read";

    private readonly Counter<long> _queries;
    private readonly Counter<long> _rowsRead;

    /// <param name="meters">The host's meter factory; without one (code that builds a store by hand) a meter of its own.</param>
    public StorageMetrics(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _queries = meter.CreateCounter<long>(QueriesInstrument, "{query}", "Queries and point reads sent to Table Storage.");
        _rowsRead = meter.CreateCounter<long>(RowsReadInstrument, "{row}", "Rows read from Table Storage.");
    }

    internal void CountQuery() => _queries.Add(1);
    internal void CountRows(int rows) => _rowsRead.Add(rows);
}
