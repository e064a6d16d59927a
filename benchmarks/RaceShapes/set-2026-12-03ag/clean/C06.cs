namespace Chocolate.Tempering;

/// <summary>
/// Running statistics for a tempering machine's bowl thermometer. Probe
/// readings arrive from the serial reader thread and the seeding station at the
/// same time; the kitchen dashboard reads the figures whenever it refreshes.
/// </summary>
public sealed class TemperStats
{
    private long _readingCount;
    private long _outOfRangeCount;
    private int _peakCentiDegrees = int.MinValue;
    private int _lowCentiDegrees = int.MaxValue;

    public double TargetLow { get; }
    public double TargetHigh { get; }

    public TemperStats(double targetLow, double targetHigh)
    {
        TargetLow = targetLow;
        TargetHigh = targetHigh;
    }

    public void Record(double celsius)
    {
        Interlocked.Increment(ref _readingCount);
        if (celsius < TargetLow || celsius > TargetHigh)
        {
            Interlocked.Increment(ref _outOfRangeCount);
        }

        int centi = (int)Math.Round(celsius * 100);
        UpdateMax(ref _peakCentiDegrees, centi);
        UpdateMin(ref _lowCentiDegrees, centi);
    }

    private static void UpdateMax(ref int location, int value)
    {
        int current = Volatile.Read(ref location);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private static void UpdateMin(ref int location, int value)
    {
        int current = Volatile.Read(ref location);
        while (value < current)
        {
            int seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    public long ReadingCount => Interlocked.Read(ref _readingCount);

    public double OutOfRangeFraction
    {
        get
        {
            long total = Interlocked.Read(ref _readingCount);
            return total == 0 ? 0 : (double)Interlocked.Read(ref _outOfRangeCount) / total;
        }
    }

    public double? PeakCelsius
    {
        get
        {
            int peak = Volatile.Read(ref _peakCentiDegrees);
            return peak == int.MinValue ? null : peak / 100.0;
        }
    }

    public double? LowCelsius
    {
        get
        {
            int low = Volatile.Read(ref _lowCentiDegrees);
            return low == int.MaxValue ? null : low / 100.0;
        }
    }
}

public sealed class ProbeFeed
{
    public static Task FeedAsync(TemperStats stats, IAsyncEnumerable<double> probe, IAsyncEnumerable<double> seeder, CancellationToken ct)
    {
        async Task Pump(IAsyncEnumerable<double> source)
        {
            await foreach (var reading in source.WithCancellation(ct).ConfigureAwait(false))
            {
                stats.Record(reading);
            }
        }

        return Task.WhenAll(Task.Run(() => Pump(probe), ct), Task.Run(() => Pump(seeder), ct));
    }
}
