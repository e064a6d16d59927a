namespace Blind24.CheeseCave;

public sealed class CheeseWheel
{
    public CheeseWheel(string id, DateTime lastTurnedUtc)
    {
        Id = id;
        LastTurnedUtc = lastTurnedUtc;
    }

    public string Id { get; }
    public DateTime LastTurnedUtc { get; private set; }
    public int TurnCount { get; private set; }

    public bool DueForTurning(DateTime nowUtc, TimeSpan interval) => nowUtc - LastTurnedUtc >= interval;

    public void Turn(DateTime nowUtc)
    {
        LastTurnedUtc = nowUtc;
        TurnCount++;
    }
}

public sealed class AgingRack
{
    public AgingRack(string name, IEnumerable<CheeseWheel> wheels)
    {
        Name = name;
        Wheels = wheels.ToList();
    }

    public string Name { get; }
    public IReadOnlyList<CheeseWheel> Wheels { get; }
}

public sealed class TurningRoundSummary
{
    public int RacksVisited;
    public int WheelsTurned;
    public List<string> Audit { get; } = new();
}

/// <summary>
/// Runs the daily turning round. Each rack is handled by a separate robot arm, so
/// racks are processed in parallel; an individual wheel belongs to exactly one rack.
/// </summary>
public sealed class TurningRound
{
    private readonly object _auditLock = new();
    private readonly TimeSpan _interval;

    public TurningRound(TimeSpan interval) => _interval = interval;

    public TurningRoundSummary Run(IReadOnlyList<AgingRack> racks, DateTime nowUtc)
    {
        var summary = new TurningRoundSummary();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };

        Parallel.ForEach(racks, options, rack =>
        {
            foreach (var wheel in rack.Wheels)
            {
                if (!wheel.DueForTurning(nowUtc, _interval))
                {
                    continue;
                }

                wheel.Turn(nowUtc);
                summary.WheelsTurned++;

                lock (_auditLock)
                {
                    summary.Audit.Add($"{rack.Name}/{wheel.Id} turn #{wheel.TurnCount}");
                }
            }

            Interlocked.Increment(ref summary.RacksVisited);
        });

        return summary;
    }
}
