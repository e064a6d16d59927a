namespace Blind29.Sawmill.LogYard;

public sealed record LogScan(string LogId, string Species, double SmallEndCm, double LengthM);

/// <summary>
/// Log yard statistics fed by the debarker's scanners. One instance per yard; each
/// scanner lane calls <see cref="Observe"/> from its own thread.
/// </summary>
public sealed class LogYardStats
{
    private double _largestDiameterCm;
    private double _smallestDiameterCm = double.MaxValue;
    private long _logCount;
    private long _oversizeCount;
    private readonly double _sawLimitCm;

    public LogYardStats(double sawLimitCm) => _sawLimitCm = sawLimitCm;

    public void Observe(LogScan scan)
    {
        Interlocked.Increment(ref _logCount);
        if (scan.SmallEndCm > _sawLimitCm)
        {
            Interlocked.Increment(ref _oversizeCount);
        }

        UpdateMax(ref _largestDiameterCm, scan.SmallEndCm);
        UpdateMin(ref _smallestDiameterCm, scan.SmallEndCm);
    }

    public (long Logs, long Oversize, double Largest, double Smallest) Snapshot() =>
        (Interlocked.Read(ref _logCount),
         Interlocked.Read(ref _oversizeCount),
         Interlocked.CompareExchange(ref _largestDiameterCm, 0, 0),
         Interlocked.CompareExchange(ref _smallestDiameterCm, 0, 0));

    private static void UpdateMax(ref double target, double value)
    {
        var current = Interlocked.CompareExchange(ref target, 0, 0);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    private static void UpdateMin(ref double target, double value)
    {
        var current = Interlocked.CompareExchange(ref target, 0, 0);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}

public sealed class ScannerLane
{
    private readonly LogYardStats _stats;

    public ScannerLane(LogYardStats stats) => _stats = stats;

    public Thread Start(IEnumerable<LogScan> feed)
    {
        var thread = new Thread(() =>
        {
            foreach (var scan in feed)
            {
                _stats.Observe(scan);
            }
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
