namespace Blind32.LockPicking.Scoring;

public sealed record PickAttempt(string Competitor, string LockModel, TimeSpan Time, bool Opened);

/// <summary>
/// Scoreboard for a single heat of a lock-picking competition. Several heats
/// run at the same time on different tables, and each judge's tablet posts
/// attempts through the API, so <see cref="RecordAttempt"/> is called from
/// many request threads. Personal bests are tracked across all heats.
/// </summary>
public sealed class HeatScoreboard
{
    private static readonly Dictionary<string, TimeSpan> s_personalBests = new(StringComparer.Ordinal);
    private static readonly object s_bestsGate = new();

    private readonly List<PickAttempt> _attempts = new();

    public HeatScoreboard(string heatName) => HeatName = heatName;

    public string HeatName { get; }

    public void RecordAttempt(PickAttempt attempt)
    {
        lock (this)
        {
            _attempts.Add(attempt);
            if (!attempt.Opened)
                return;

            if (!s_personalBests.TryGetValue(attempt.Competitor, out var best) || attempt.Time < best)
                s_personalBests[attempt.Competitor] = attempt.Time;
        }
    }

    public IReadOnlyList<PickAttempt> Standings()
    {
        lock (this)
        {
            return _attempts
                .Where(a => a.Opened)
                .OrderBy(a => a.Time)
                .ToList();
        }
    }

    public static TimeSpan? PersonalBest(string competitor)
    {
        lock (s_bestsGate)
        {
            return s_personalBests.TryGetValue(competitor, out var best) ? best : null;
        }
    }
}

/// <summary>Keeps the heats of the current competition day.</summary>
public sealed class CompetitionDay
{
    private readonly Dictionary<string, HeatScoreboard> _heats = new();

    public CompetitionDay(IEnumerable<string> heatNames)
    {
        foreach (var name in heatNames)
            _heats[name] = new HeatScoreboard(name);
    }

    public HeatScoreboard Heat(string name) => _heats[name];

    public Task SimulateJudgesAsync(IReadOnlyList<PickAttempt> attempts)
    {
        var tasks = _heats.Values.Select(heat => Task.Run(() =>
        {
            foreach (var attempt in attempts)
                heat.RecordAttempt(attempt);
        }));
        return Task.WhenAll(tasks);
    }
}
