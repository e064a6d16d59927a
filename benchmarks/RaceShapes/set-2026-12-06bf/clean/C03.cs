namespace Blind58.ModelYachtTiming;

/// <summary>
/// Histogram of leg times for the model yacht pond's regatta timing system. Every buoy
/// sensor callback records into the shared instance; the results page snapshots it.
/// Values are kept in whole milliseconds.
/// </summary>
public sealed class LegTimeHistogram
{
    private readonly long[] _upperBoundsMs;
    private readonly long[] _counts;
    private long _totalCount;
    private long _totalMs;
    private long _maxMs;

    public LegTimeHistogram(params long[] upperBoundsMs)
    {
        _upperBoundsMs = upperBoundsMs.OrderBy(b => b).ToArray();
        _counts = new long[_upperBoundsMs.Length + 1];
    }

    public void Record(TimeSpan legTime)
    {
        long ms = (long)legTime.TotalMilliseconds;
        int bucket = Array.BinarySearch(_upperBoundsMs, ms);
        if (bucket < 0) bucket = ~bucket;

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _totalCount);
        Interlocked.Add(ref _totalMs, ms);

        long seen = Interlocked.Read(ref _maxMs);
        while (ms > seen)
        {
            long previous = Interlocked.CompareExchange(ref _maxMs, ms, seen);
            if (previous == seen) break;
            seen = previous;
        }
    }

    public LegTimeSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }

        return new LegTimeSnapshot(
            _upperBoundsMs,
            counts,
            Interlocked.Read(ref _totalCount),
            Interlocked.Read(ref _totalMs),
            Interlocked.Read(ref _maxMs));
    }
}

public sealed record LegTimeSnapshot(IReadOnlyList<long> UpperBoundsMs, IReadOnlyList<long> Counts, long Count, long TotalMs, long MaxMs)
{
    public double MeanMs => Count == 0 ? 0 : (double)TotalMs / Count;
}

/// <summary>Receives buoy-rounding events from the pond's sensor gateway.</summary>
public sealed class BuoySensorGateway
{
    private readonly LegTimeHistogram _histogram;

    public BuoySensorGateway(LegTimeHistogram histogram) => _histogram = histogram;

    public Task ReplayAsync(IReadOnlyList<(string Yacht, TimeSpan Leg)> legs) =>
        Parallel.ForEachAsync(legs, (leg, _) =>
        {
            _histogram.Record(leg.Leg);
            return ValueTask.CompletedTask;
        });
}
