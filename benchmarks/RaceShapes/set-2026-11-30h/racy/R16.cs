using System.Diagnostics;

namespace Blind8.Metrics.Latency;

public sealed record HistogramSnapshot(long Count, double MeanMilliseconds, double MaxMilliseconds, IReadOnlyList<(double UpperBoundMs, long Count)> Buckets);

/// <summary>
/// Fixed-bucket latency histogram for request timings. One instance per route
/// is created at startup and recorded into by the timing middleware on every
/// request; the metrics endpoint reads snapshots.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly long[] DefaultBoundsMicros =
    {
        500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, long.MaxValue,
    };

    private readonly long[] _boundsMicros;
    private readonly long[] _bucketCounts;
    private long _count;
    private long _sumMicros;
    private long _maxMicros;

    public LatencyHistogram(long[]? boundsMicros = null)
    {
        _boundsMicros = boundsMicros ?? DefaultBoundsMicros;
        _bucketCounts = new long[_boundsMicros.Length];
    }

    public void Record(TimeSpan elapsed)
    {
        var micros = elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        var bucket = FindBucket(micros);

        Interlocked.Increment(ref _bucketCounts[bucket]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, micros);

        if (micros > Interlocked.Read(ref _maxMicros))
        {
            _maxMicros = micros;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        var count = Interlocked.Read(ref _count);
        var sum = Interlocked.Read(ref _sumMicros);
        var buckets = new List<(double, long)>(_boundsMicros.Length);
        for (var i = 0; i < _boundsMicros.Length; i++)
        {
            var upper = _boundsMicros[i] == long.MaxValue ? double.PositiveInfinity : _boundsMicros[i] / 1000.0;
            buckets.Add((upper, Interlocked.Read(ref _bucketCounts[i])));
        }

        return new HistogramSnapshot(
            count,
            count == 0 ? 0 : sum / 1000.0 / count,
            Interlocked.Read(ref _maxMicros) / 1000.0,
            buckets);
    }

    private int FindBucket(long micros)
    {
        var index = Array.BinarySearch(_boundsMicros, micros);
        return index >= 0 ? index : ~index;
    }
}

/// <summary>Wraps a request delegate and records its duration.</summary>
public sealed class RequestTimingMiddleware
{
    private readonly Func<object, Task> _next;
    private readonly LatencyHistogram _histogram;

    public RequestTimingMiddleware(Func<object, Task> next, LatencyHistogram histogram)
    {
        _next = next;
        _histogram = histogram;
    }

    public async Task InvokeAsync(object context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            _histogram.Record(Stopwatch.GetElapsedTime(started));
        }
    }
}
