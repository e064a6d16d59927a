namespace Esports.Brackets;

public sealed record MatchResult(int MatchId, string Winner, string Loser, int WinnerScore, int LoserScore);

/// <summary>
/// Single-elimination bracket for one tournament. Shared by the referee API and the
/// stream overlay feed; both report and read results concurrently.
/// </summary>
public sealed class EliminationBracket
{
    private readonly object _reportLock = new();
    private readonly Dictionary<int, MatchResult> _results = new();
    private readonly Dictionary<int, (int Next, bool IsHomeSlot)> _advancement;
    private readonly Dictionary<int, string?[]> _slots = new();

    public EliminationBracket(Dictionary<int, (int Next, bool IsHomeSlot)> advancement)
    {
        _advancement = advancement;
        foreach (var next in advancement.Values)
        {
            _slots.TryAdd(next.Next, new string?[2]);
        }
    }

    /// <summary>Referee reports a final score.</summary>
    public void Report(MatchResult result)
    {
        lock (_reportLock)
        {
            if (_results.ContainsKey(result.MatchId))
            {
                throw new InvalidOperationException($"Match {result.MatchId} already reported.");
            }

            _results.Add(result.MatchId, result);
            if (_advancement.TryGetValue(result.MatchId, out var next))
            {
                _slots[next.Next][next.IsHomeSlot ? 0 : 1] = result.Winner;
            }
        }
    }

    /// <summary>Tournament admin overturns a result after a protest.</summary>
    public void Overturn(int matchId)
    {
        lock (_results)
        {
            if (_results.Remove(matchId, out var old) && _advancement.TryGetValue(matchId, out var next))
            {
                _slots[next.Next][next.IsHomeSlot ? 0 : 1] = old.Loser;
                _results.Add(matchId, old with { Winner = old.Loser, Loser = old.Winner });
            }
        }
    }

    public MatchResult? Find(int matchId)
    {
        lock (_reportLock)
        {
            return _results.TryGetValue(matchId, out var r) ? r : null;
        }
    }
}

public sealed class RefereeEndpoints
{
    private readonly EliminationBracket _bracket;

    public RefereeEndpoints(EliminationBracket bracket) => _bracket = bracket;

    public Task PostScoreAsync(MatchResult result) => Task.Run(() => _bracket.Report(result));

    public Task PostProtestUpheldAsync(int matchId) => Task.Run(() => _bracket.Overturn(matchId));
}
