using System.Diagnostics;

namespace Crm.Bench.Measure;

/// <summary>The process's memory after a full, compacting collection (the server runs in this process).</summary>
public sealed record MemoryReading(long ManagedBytes, long HeapBytes, long WorkingSetBytes)
{
    public static MemoryReading Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryReading(GC.GetTotalMemory(forceFullCollection: true), GC.GetGCMemoryInfo().HeapSizeBytes, process.WorkingSet64);
    }
}

/// <summary>Samples managed memory and working set while something runs, to report the peak.</summary>
public sealed class MemoryPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _managed;
    private long _workingSet;

    public MemoryPeak()
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _managed = Math.Max(_managed, GC.GetTotalMemory(forceFullCollection: false));
                _workingSet = Math.Max(_workingSet, process.WorkingSet64);
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long ManagedBytes => _managed;
    public long WorkingSetBytes => _workingSet;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
