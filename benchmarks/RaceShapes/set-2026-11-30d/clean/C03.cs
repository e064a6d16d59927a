namespace Blind4.Clean.Metrics.Histograms;

public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBoundsMs, IReadOnlyList<long> Counts, double SumMs)
{
    public long TotalCount => Counts.Sum();
}

/// <summary>
/// Fixed-bucket latency histogram. Request middleware calls <see cref="Record"/> for every
/// request; the Prometheus scrape endpoint and the OTLP exporter both call <see cref="Collect"/>.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] UpperBoundsMs =
    {
        1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
    };

    private readonly long[] _counts = new long[UpperBoundsMs.Length + 1];
    private readonly object _sync = new();
    private double _sumMs;

    public string Name { get; }

    public LatencyHistogram(string name)
    {
        Name = name;
    }

    public void Record(TimeSpan elapsed)
    {
        var milliseconds = elapsed.TotalMilliseconds;
        var index = FindBucket(milliseconds);
        lock (_sync)
        {
            _counts[index]++;
            _sumMs += milliseconds;
        }
    }

    /// <summary>
    /// Copies the current counts. Delta exporters pass <paramref name="reset"/> = true so
    /// that every interval starts from zero.
    /// </summary>
    public HistogramSnapshot Collect(bool reset)
    {
        long[] counts;
        double sum;
        lock (_sync)
        {
            counts = (long[])_counts.Clone();
            sum = _sumMs;
            if (reset)
            {
                Array.Clear(_counts);
                _sumMs = 0;
            }
        }

        var bounds = UpperBoundsMs.Append(double.PositiveInfinity).ToArray();
        return new HistogramSnapshot(bounds, counts, sum);
    }

    private static int FindBucket(double milliseconds)
    {
        var index = Array.BinarySearch(UpperBoundsMs, milliseconds);
        return index >= 0 ? index : ~index;
    }
}
