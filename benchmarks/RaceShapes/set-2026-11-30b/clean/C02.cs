namespace Blind2.C02;

/// <summary>
/// Request-duration histogram with exponential buckets. Record is called on
/// the hot path from many threads; Snapshot is called by the metrics scraper.
/// </summary>
public sealed class RequestDurationHistogram
{
    private static readonly long[] BucketUpperBoundsTicks = Enumerable.Range(0, 16)
        .Select(i => TimeSpan.FromMilliseconds(0.5 * Math.Pow(2, i)).Ticks)
        .ToArray();

    private readonly long[] _buckets = new long[BucketUpperBoundsTicks.Length + 1];
    private long _count;
    private long _sumTicks;
    private long _maxTicks;

    public void Record(TimeSpan duration)
    {
        long ticks = duration.Ticks;

        Interlocked.Increment(ref _buckets[BucketFor(ticks)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, ticks);
        UpdateMax(ticks);
    }

    private void UpdateMax(long ticks)
    {
        long observed = Interlocked.Read(ref _maxTicks);
        while (ticks > observed)
        {
            long previous = Interlocked.CompareExchange(ref _maxTicks, ticks, observed);
            if (previous == observed)
                break;
            observed = previous;
        }
    }

    public DurationSnapshot Snapshot()
    {
        var counts = new long[_buckets.Length];
        for (int i = 0; i < counts.Length; i++)
            counts[i] = Interlocked.Read(ref _buckets[i]);

        return new DurationSnapshot(
            Interlocked.Read(ref _count),
            TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)),
            TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)),
            counts);
    }

    private static int BucketFor(long ticks)
    {
        int index = Array.BinarySearch(BucketUpperBoundsTicks, ticks);
        return index >= 0 ? index : ~index;
    }
}

public sealed record DurationSnapshot(long Count, TimeSpan Total, TimeSpan Max, long[] BucketCounts);

public static class ReplayBenchmark
{
    public static DurationSnapshot Measure(IReadOnlyList<Func<TimeSpan>> requests)
    {
        var histogram = new RequestDurationHistogram();
        Parallel.For(0, requests.Count, i => histogram.Record(requests[i]()));
        return histogram.Snapshot();
    }
}
