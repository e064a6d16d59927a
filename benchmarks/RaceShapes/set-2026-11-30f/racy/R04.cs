using System.Diagnostics;

namespace Telemetry.Metrics;

/// <summary>
/// Records request latencies into fixed, roughly exponential buckets.
/// <see cref="Record"/> is called from request threads; <see cref="Snapshot"/>
/// is called by the exporter every few seconds.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] UpperBoundsMs =
        { 1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000 };

    private readonly long[] _bucketCounts = new long[UpperBoundsMs.Length + 1];
    private long _count;
    private long _sumMicroseconds;

    public string Name { get; }

    public LatencyHistogram(string name) => Name = name;

    public void Record(TimeSpan elapsed)
    {
        var index = FindBucket(elapsed.TotalMilliseconds);
        _bucketCounts[index]++;
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, elapsed.Ticks / 10);
    }

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_bucketCounts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _bucketCounts[i]);
        }

        return new HistogramSnapshot(
            Name,
            UpperBoundsMs,
            counts,
            Interlocked.Read(ref _count),
            Interlocked.Read(ref _sumMicroseconds) / 1000.0);
    }

    private static int FindBucket(double milliseconds)
    {
        var lo = 0;
        var hi = UpperBoundsMs.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (milliseconds <= UpperBoundsMs[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}

public sealed record HistogramSnapshot(
    string Name,
    IReadOnlyList<double> UpperBoundsMs,
    IReadOnlyList<long> Counts,
    long Count,
    double SumMilliseconds);

/// <summary>
/// Handler placed in the outgoing HttpClient pipeline so every call to a
/// downstream service is timed.
/// </summary>
public sealed class RequestTimingHandler : DelegatingHandler
{
    private readonly LatencyHistogram _histogram;

    public RequestTimingHandler(LatencyHistogram histogram, HttpMessageHandler inner)
        : base(inner)
    {
        _histogram = histogram;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _histogram.Record(Stopwatch.GetElapsedTime(started));
        }
    }
}
