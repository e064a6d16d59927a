namespace Blind55.Clean.C16;

public sealed record PeriodSummary(int Period, int ShotsOnGoal, DateTime EndedAt);

/// <summary>
/// Shots-on-goal counter for the ice hockey arena scoreboard. The rink-side tablets call
/// <see cref="RecordShot"/> through the scoring API, and the scorekeeper's console calls
/// <see cref="EndPeriod"/> at the horn. One instance per game, shared by all of them.
/// </summary>
public sealed class ShotsOnGoalCounter
{
    private readonly object _historyGate = new();
    private readonly List<PeriodSummary> _periods = new();
    private int _periodShots;
    private int _period = 1;

    public int CurrentPeriodShots => Volatile.Read(ref _periodShots);

    public void RecordShot() => Interlocked.Increment(ref _periodShots);

    public void RecordShots(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _periodShots, count);
        }
    }

    public PeriodSummary EndPeriod()
    {
        lock (_historyGate)
        {
            int shots = Interlocked.Exchange(ref _periodShots, 0);
            var summary = new PeriodSummary(_period, shots, DateTime.UtcNow);
            _periods.Add(summary);
            _period++;
            return summary;
        }
    }

    public int GameTotal
    {
        get
        {
            lock (_historyGate)
            {
                return _periods.Sum(p => p.ShotsOnGoal) + Volatile.Read(ref _periodShots);
            }
        }
    }

    public IReadOnlyList<PeriodSummary> Periods
    {
        get { lock (_historyGate) return _periods.ToArray(); }
    }
}

public sealed class ScoringApi
{
    private readonly ShotsOnGoalCounter _counter;

    public ScoringApi(ShotsOnGoalCounter counter) => _counter = counter;

    public Task<int> PostShotAsync(string tabletId)
    {
        _counter.RecordShot();
        return Task.FromResult(_counter.CurrentPeriodShots);
    }

    public Task<PeriodSummary> PostHornAsync() => Task.FromResult(_counter.EndPeriod());
}
