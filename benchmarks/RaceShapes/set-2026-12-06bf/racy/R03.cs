namespace Blind58.BrassBandMetrics;

/// <summary>
/// Fixed-bucket latency histogram for the brass band's rehearsal-room booking API.
/// One instance per endpoint lives for the lifetime of the app; every request records
/// into it and the metrics endpoint snapshots it on scrape.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] s_boundsMs = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500 };

    private readonly long[] _buckets = new long[s_boundsMs.Length + 1];
    private long _count;
    private double _sumMs;

    public string Name { get; }

    public LatencyHistogram(string name)
    {
        Name = name;
    }

    public void Record(double elapsedMs)
    {
        int index = Array.BinarySearch(s_boundsMs, elapsedMs);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        _sumMs += elapsedMs;
    }

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_buckets.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _buckets[i]);
        }

        return new HistogramSnapshot(Name, s_boundsMs, counts, Interlocked.Read(ref _count), Volatile.Read(ref _sumMs));
    }
}

public sealed record HistogramSnapshot(string Name, IReadOnlyList<double> BoundsMs, IReadOnlyList<long> Counts, long Count, double SumMs)
{
    public double MeanMs => Count == 0 ? 0 : SumMs / Count;
}

/// <summary>Times each request to the booking endpoints.</summary>
public sealed class RequestTimingMiddleware
{
    private readonly Func<string, Task> _next;
    private readonly LatencyHistogram _histogram;

    public RequestTimingMiddleware(Func<string, Task> next, LatencyHistogram histogram)
    {
        _next = next;
        _histogram = histogram;
    }

    public async Task InvokeAsync(string path)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await _next(path).ConfigureAwait(false);
        }
        finally
        {
            _histogram.Record(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
