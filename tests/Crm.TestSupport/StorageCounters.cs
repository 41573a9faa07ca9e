using System.Diagnostics.Metrics;
using Crm.Storage.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Crm.TestSupport;

/// <summary>The storage counters (meter <c>Crm.Storage</c>) of one host, counted from the moment this is created.</summary>
public sealed class StorageCounters : IDisposable
{
    private readonly MetricCollector<long> _queries;
    private readonly MetricCollector<long> _rowsRead;

    public StorageCounters(IServiceProvider services)
    {
        // Through the host's own meter factory: another server in the same test process is not counted.
        var meters = services.GetRequiredService<IMeterFactory>();
        _queries = new MetricCollector<long>(meters, StorageMetrics.MeterName, StorageMetrics.QueriesInstrument);
        _rowsRead = new MetricCollector<long>(meters, StorageMetrics.MeterName, StorageMetrics.RowsReadInstrument);
    }

    public long Queries => _queries.GetMeasurementSnapshot().EvaluateAsCounter();

    public long RowsRead => _rowsRead.GetMeasurementSnapshot().EvaluateAsCounter();

    public void Dispose()
    {
        _queries.Dispose();
        _rowsRead.Dispose();
    }
}
