namespace Telemetry.Metrics;

public sealed record HistogramSnapshot(
    IReadOnlyList<double> UpperBounds,
    IReadOnlyList<long> Counts,
    long Total,
    double Sum,
    double Max);

/// <summary>
/// Records request latencies into exponentially sized buckets. One histogram is created per
/// instrument and <see cref="Record"/> is called from every request thread; a background
/// exporter calls <see cref="Snapshot"/> periodically.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly double[] _upperBounds;
    private readonly long[] _counts;
    private readonly object _sumLock = new();
    private long _total;
    private double _sum;
    private double _max;

    public LatencyHistogram(double firstBoundMs = 1, double growthFactor = 2, int bucketCount = 16)
    {
        _upperBounds = new double[bucketCount];
        var bound = firstBoundMs;
        for (int i = 0; i < bucketCount; i++)
        {
            _upperBounds[i] = bound;
            bound *= growthFactor;
        }

        // Last bucket collects everything above the highest bound.
        _counts = new long[bucketCount + 1];
    }

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            return;
        }

        int index = FindBucket(milliseconds);
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _total);

        lock (_sumLock)
        {
            _sum += milliseconds;
        }

        if (milliseconds > _max) _max = milliseconds;
    }

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }

        double sum;
        lock (_sumLock)
        {
            sum = _sum;
        }

        return new HistogramSnapshot(_upperBounds, counts, Interlocked.Read(ref _total), sum, Volatile.Read(ref _max));
    }

    private int FindBucket(double value)
    {
        int index = Array.BinarySearch(_upperBounds, value);
        return index >= 0 ? index : ~index;
    }
}
