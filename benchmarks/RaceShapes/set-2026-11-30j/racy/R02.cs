using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind10.Metrics.Latency;

/// <summary>
/// Fixed-bucket latency histogram. The request pipeline keeps one instance per route and
/// calls <see cref="Record"/> as each request completes; the metrics exporter calls
/// <see cref="Snapshot"/> on its own schedule.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] DefaultBounds = { 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };

    private readonly double[] _upperBounds;
    private readonly long[] _bucketCounts;
    private long _count;
    private long _sumMicros;
    private double _maxMillis;

    public LatencyHistogram(double[]? upperBounds = null)
    {
        _upperBounds = upperBounds ?? DefaultBounds;
        _bucketCounts = new long[_upperBounds.Length + 1];
    }

    public void Record(double elapsedMillis)
    {
        if (elapsedMillis < 0 || double.IsNaN(elapsedMillis))
        {
            return;
        }

        Interlocked.Increment(ref _bucketCounts[FindBucket(elapsedMillis)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(elapsedMillis * 1000));

        if (elapsedMillis > _maxMillis)
        {
            _maxMillis = elapsedMillis;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        var buckets = new long[_bucketCounts.Length];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Read(ref _bucketCounts[i]);
        }

        long count = Interlocked.Read(ref _count);
        long sumMicros = Interlocked.Read(ref _sumMicros);
        double mean = count == 0 ? 0 : sumMicros / 1000.0 / count;
        return new HistogramSnapshot(_upperBounds, buckets, count, mean, _maxMillis);
    }

    private int FindBucket(double value)
    {
        int index = Array.BinarySearch(_upperBounds, value);
        return index >= 0 ? index : ~index;
    }
}

public sealed record HistogramSnapshot(double[] UpperBounds, long[] Buckets, long Count, double MeanMillis, double MaxMillis)
{
    public double Percentile(double percentile)
    {
        if (Count == 0) return 0;
        long rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (int i = 0; i < Buckets.Length; i++)
        {
            seen += Buckets[i];
            if (seen >= rank)
            {
                return i < UpperBounds.Length ? UpperBounds[i] : MaxMillis;
            }
        }
        return MaxMillis;
    }
}

/// <summary>Timing hook used by the routing middleware.</summary>
public sealed class RouteTimings
{
    private readonly ConcurrentDictionary<string, LatencyHistogram> _byRoute = new(StringComparer.Ordinal);

    public void Observe(string routeTemplate, long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        _byRoute.GetOrAdd(routeTemplate, static _ => new LatencyHistogram()).Record(elapsed.TotalMilliseconds);
    }

    public IReadOnlyDictionary<string, HistogramSnapshot> Collect() =>
        _byRoute.ToDictionary(pair => pair.Key, pair => pair.Value.Snapshot());
}
