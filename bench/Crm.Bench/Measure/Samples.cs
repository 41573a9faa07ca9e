namespace Crm.Bench.Measure;

/// <summary>Latencies in milliseconds, with nearest-rank percentiles.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public double Percentile(double p)
    {
        if (_values.Count == 0)
        {
            throw new InvalidOperationException("No samples.");
        }
        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The time of all samples together (for rates over whole rounds).</summary>
    public double TotalSeconds => _values.Sum() / 1000;

    public double P50 => Percentile(50);
    public double P95 => Percentile(95);
}
