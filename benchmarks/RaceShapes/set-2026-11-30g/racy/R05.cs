namespace Telemetry.Metrics.Instruments;

public readonly record struct HistogramSnapshot(long Count, double Sum, double Mean, long[] BucketCounts, double[] Bounds);

/// <summary>
/// Records request latencies into explicit buckets. Instances are created once per
/// instrument and shared; Record may be called concurrently from any thread.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] DefaultBounds =
        { 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000 };

    private readonly double[] _bounds;
    private readonly long[] _buckets;
    private long _count;
    private double _sum;

    public LatencyHistogram(string name, double[]? bounds = null)
    {
        Name = name;
        _bounds = (bounds ?? DefaultBounds).OrderBy(b => b).ToArray();
        _buckets = new long[_bounds.Length + 1];
    }

    public string Name { get; }

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
            return;

        int index = FindBucket(milliseconds);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        _sum += milliseconds;
    }

    public IDisposable StartTimer() => new TimerScope(this);

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_buckets.Length];
        for (int i = 0; i < counts.Length; i++)
            counts[i] = Interlocked.Read(ref _buckets[i]);

        long count = Interlocked.Read(ref _count);
        double sum = Volatile.Read(ref _sum);
        return new HistogramSnapshot(count, sum, count == 0 ? 0 : sum / count, counts, (double[])_bounds.Clone());
    }

    private int FindBucket(double value)
    {
        int index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }

    private sealed class TimerScope : IDisposable
    {
        private readonly LatencyHistogram _owner;
        private readonly long _startTimestamp;

        public TimerScope(LatencyHistogram owner)
        {
            _owner = owner;
            _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp);
            _owner.Record(elapsed.TotalMilliseconds);
        }
    }
}
