namespace Blind58.CricketScoring;

public readonly record struct Delivery(int Over, int Ball, int Runs, int Extras, bool IsLegal, bool IsWicket, string Bowler);

public readonly record struct InningsSummary(int Runs, int Wickets, int LegalBalls)
{
    public string Overs => $"{LegalBalls / 6}.{LegalBalls % 6}";
    public override string ToString() => $"{Runs}/{Wickets} ({Overs} ov)";
}

/// <summary>
/// Live score for one innings. Both the official scorer's tablet and the umpire's
/// clicker app post deliveries to the match API, which forwards them to the innings
/// instance for that match; the scoreboard endpoint reads the summary.
/// </summary>
public sealed class InningsScorer
{
    private readonly SpinLock _spin = new(enableThreadOwnerTracking: false);
    private readonly Dictionary<string, int> _runsByBowler = new(StringComparer.Ordinal);
    private int _runs;
    private int _wickets;
    private int _legalBalls;

    public void RecordDelivery(Delivery delivery)
    {
        bool taken = false;
        try
        {
            _spin.Enter(ref taken);
            _runs += delivery.Runs + delivery.Extras;
            if (delivery.IsWicket) _wickets++;
            if (delivery.IsLegal) _legalBalls++;
            _runsByBowler[delivery.Bowler] = _runsByBowler.GetValueOrDefault(delivery.Bowler) + delivery.Runs + delivery.Extras;
        }
        finally
        {
            if (taken) _spin.Exit(useMemoryBarrier: true);
        }
    }

    public InningsSummary Summary()
    {
        bool taken = false;
        try
        {
            _spin.Enter(ref taken);
            return new InningsSummary(_runs, _wickets, _legalBalls);
        }
        finally
        {
            if (taken) _spin.Exit(useMemoryBarrier: true);
        }
    }

    public IReadOnlyDictionary<string, int> BowlingFigures()
    {
        bool taken = false;
        try
        {
            _spin.Enter(ref taken);
            return new Dictionary<string, int>(_runsByBowler);
        }
        finally
        {
            if (taken) _spin.Exit(useMemoryBarrier: true);
        }
    }
}

/// <summary>Match registry used by the scoring API controllers.</summary>
public sealed class MatchScoringHub
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Match, int Innings), InningsScorer> _innings = new();

    public void Post(Guid matchId, int innings, Delivery delivery) =>
        _innings.GetOrAdd((matchId, innings), _ => new InningsScorer()).RecordDelivery(delivery);

    public InningsSummary? Scoreboard(Guid matchId, int innings) =>
        _innings.TryGetValue((matchId, innings), out var scorer) ? scorer.Summary() : null;
}
