namespace Blind34.OrganGrinder.Rolls;

/// <summary>
/// Statistics on the punched-roll digitisation runs at the organ grinder
/// archive. Scanner workers report each roll as it is finished.
/// </summary>
public sealed class RollScanStatistics
{
    private long _rolls;
    private long _totalHoles;
    private long _longestTicks;
    private long _shortestTicks = long.MaxValue;

    public void Report(TimeSpan tuneLength, int holesPunched)
    {
        Interlocked.Increment(ref _rolls);
        Interlocked.Add(ref _totalHoles, holesPunched);
        UpdateMax(ref _longestTicks, tuneLength.Ticks);
        UpdateMin(ref _shortestTicks, tuneLength.Ticks);
    }

    private static void UpdateMax(ref long target, long candidate)
    {
        var current = Interlocked.Read(ref target);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref target, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static void UpdateMin(ref long target, long candidate)
    {
        var current = Interlocked.Read(ref target);
        while (candidate < current)
        {
            var seen = Interlocked.CompareExchange(ref target, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public long Rolls => Interlocked.Read(ref _rolls);

    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    public TimeSpan? Shortest
    {
        get
        {
            var ticks = Interlocked.Read(ref _shortestTicks);
            return ticks == long.MaxValue ? null : TimeSpan.FromTicks(ticks);
        }
    }

    public double AverageHoles
    {
        get
        {
            var rolls = Interlocked.Read(ref _rolls);
            return rolls == 0 ? 0 : (double)Interlocked.Read(ref _totalHoles) / rolls;
        }
    }
}

public sealed class ScannerBank
{
    private readonly RollScanStatistics _stats = new();

    public RollScanStatistics Stats => _stats;

    public void ScanAll(IEnumerable<string> rollIds, Func<string, (TimeSpan Length, int Holes)> scan)
    {
        rollIds
            .AsParallel()
            .WithDegreeOfParallelism(3)
            .ForAll(id =>
            {
                var (length, holes) = scan(id);
                _stats.Report(length, holes);
            });
    }
}
