namespace SheepShearing.Shed;

public sealed record ShearEvent(int Stand, string Shearer, double FleeceKg, DateTime AtUtc);

/// <summary>
/// Tally for one shearing stand. Every stand also records into the shed-wide log that
/// the wool classer reviews at the end of the run.
/// </summary>
public sealed class StandTally
{
    private static readonly List<ShearEvent> ShedLog = new();
    private static int _nextStandNumber;

    private readonly object _sync = new();
    private int _fleeces;
    private double _totalKg;

    public StandTally()
    {
        StandNumber = Interlocked.Increment(ref _nextStandNumber);
    }

    public int StandNumber { get; }

    public void RecordFleece(string shearer, double kg)
    {
        lock (_sync)
        {
            _fleeces++;
            _totalKg += kg;
            ShedLog.Add(new ShearEvent(StandNumber, shearer, kg, DateTime.UtcNow));
        }
    }

    public (int Fleeces, double TotalKg) Totals()
    {
        lock (_sync)
        {
            return (_fleeces, _totalKg);
        }
    }

    public static IReadOnlyList<ShearEvent> ShedLogCopy()
    {
        lock (ShedLog)
        {
            return ShedLog.ToArray();
        }
    }
}

/// <summary>Runs one shearing session with a shearer on each stand.</summary>
public sealed class ShearingRun
{
    private readonly IReadOnlyList<(StandTally Stand, string Shearer)> _stands;

    public ShearingRun(IReadOnlyList<string> shearers)
    {
        _stands = shearers.Select(s => (new StandTally(), s)).ToList();
    }

    public void Run(int sheepPerStand, Func<string, double> shear)
    {
        Parallel.ForEach(_stands, entry =>
        {
            for (int i = 0; i < sheepPerStand; i++)
            {
                double kg = shear(entry.Shearer);
                entry.Stand.RecordFleece(entry.Shearer, kg);
            }
        });
    }

    public string ClasserReport()
    {
        var log = StandTally.ShedLogCopy();
        var best = log.GroupBy(e => e.Shearer)
            .Select(g => (Shearer: g.Key, Kg: g.Sum(e => e.FleeceKg)))
            .OrderByDescending(x => x.Kg)
            .FirstOrDefault();
        return $"{log.Count} fleeces, top shearer {best.Shearer} ({best.Kg:F1} kg)";
    }
}
