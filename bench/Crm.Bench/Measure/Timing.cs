using System.Diagnostics;

namespace Crm.Bench.Measure;

/// <summary>
/// The measuring loops. Ours and the reference always run interleaved in one run, so a neighbour
/// taking the shared cores slows both sides alike and the ratio holds.
/// </summary>
public static class Timing
{
    public static async Task<double> MillisecondsAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Concurrency 1: one call of each side per step, the side going first alternating.</summary>
    public static async Task<(Samples Ours, Samples Reference)> AlternatingAsync(
        int count, Func<int, Task> ours, Func<int, Task> reference)
    {
        var a = new Samples();
        var b = new Samples();
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                a.Add(await MillisecondsAsync(() => ours(i)));
                b.Add(await MillisecondsAsync(() => reference(i)));
            }
            else
            {
                b.Add(await MillisecondsAsync(() => reference(i)));
                a.Add(await MillisecondsAsync(() => ours(i)));
            }
        }
        return (a, b);
    }

    /// <summary>Operations per second with <paramref name="concurrency"/> callers for about <paramref name="duration"/>.</summary>
    public static async Task<double> ThroughputAsync(int concurrency, TimeSpan duration, Func<long, Task> operation)
    {
        long next = -1;
        long done = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await operation(Interlocked.Increment(ref next));
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(workers);
        return done / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="count"/> operations with <paramref name="concurrency"/> callers; returns the wall time.</summary>
    public static async Task<TimeSpan> RunAllAsync(int concurrency, int count, Func<int, Task> operation)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => await operation(i));
        return clock.Elapsed;
    }
}
