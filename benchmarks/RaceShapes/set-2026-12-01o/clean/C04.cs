namespace Zoo.Feeding.Rota;

public sealed record FeedingLog(string Enclosure, string Keeper, int GramsGiven, DateTime FedAtUtc);

/// <summary>
/// Daily feeding totals shown on the keepers' board. Keepers log feeds from handheld
/// devices through the API, so <see cref="Log"/> is called from many request threads.
/// </summary>
public sealed class DailyFeedingTotals
{
    private long _totalGrams;
    private long _feedCount;
    private long _latestFeedTicks;
    private int _largestPortionGrams;

    public void Log(FeedingLog entry)
    {
        if (entry.GramsGiven <= 0)
        {
            return;
        }

        Interlocked.Add(ref _totalGrams, entry.GramsGiven);
        Interlocked.Increment(ref _feedCount);
        RaiseToAtLeast(ref _latestFeedTicks, entry.FedAtUtc.Ticks);

        var seen = Volatile.Read(ref _largestPortionGrams);
        while (entry.GramsGiven > seen)
        {
            var previous = Interlocked.CompareExchange(ref _largestPortionGrams, entry.GramsGiven, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    public double TotalKilograms => Interlocked.Read(ref _totalGrams) / 1000.0;

    public long FeedCount => Interlocked.Read(ref _feedCount);

    public int LargestPortionGrams => Volatile.Read(ref _largestPortionGrams);

    public DateTime? LatestFeedUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _latestFeedTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    private static void RaiseToAtLeast(ref long target, long candidate)
    {
        var current = Interlocked.Read(ref target);
        while (candidate > current)
        {
            var observed = Interlocked.CompareExchange(ref target, candidate, current);
            if (observed == current)
            {
                return;
            }

            current = observed;
        }
    }
}
