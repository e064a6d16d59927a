using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.Esports.Highlights;

public sealed record KillEvent(string MatchId, string Player, string Weapon, int RoundNumber, double TimestampSeconds);

public sealed record PlayerHighlight(string Player, int BestRoundKills, int RoundNumber, string MatchId);

public interface IReplayEventReader
{
    IReadOnlyList<KillEvent> ReadKills(string replayPath);
}

/// <summary>
/// Finds multi-kill rounds across a folder of replays for the highlights reel tool.
/// </summary>
public sealed class HighlightFinder
{
    private readonly IReplayEventReader _reader;

    public HighlightFinder(IReplayEventReader reader) => _reader = reader;

    public IReadOnlyList<PlayerHighlight> FindBest(IEnumerable<string> replayPaths, int minimumKills = 3)
    {
        var perMatch = replayPaths
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .SelectMany(path => BestRoundsIn(_reader.ReadKills(path)));

        var bestPerPlayer = perMatch
            .Where(h => h.BestRoundKills >= minimumKills)
            .GroupBy(h => h.Player, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(h => h.BestRoundKills).ThenBy(h => h.MatchId, StringComparer.Ordinal).First())
            .ToList();

        bestPerPlayer.Sort((a, b) => b.BestRoundKills.CompareTo(a.BestRoundKills));
        return bestPerPlayer;
    }

    public int LongestKillStreak(IEnumerable<string> replayPaths)
    {
        return replayPaths
            .AsParallel()
            .Select(path => _reader.ReadKills(path))
            .Aggregate(
                seed: 0,
                updateAccumulatorFunc: (best, kills) => Math.Max(best, StreakIn(kills)),
                combineAccumulatorsFunc: Math.Max,
                resultSelector: best => best);
    }

    private static IEnumerable<PlayerHighlight> BestRoundsIn(IReadOnlyList<KillEvent> kills)
    {
        return kills
            .GroupBy(k => (k.Player, k.RoundNumber, k.MatchId))
            .GroupBy(g => g.Key.Player)
            .Select(playerRounds =>
            {
                var best = playerRounds.OrderByDescending(r => r.Count()).First();
                return new PlayerHighlight(best.Key.Player, best.Count(), best.Key.RoundNumber, best.Key.MatchId);
            });
    }

    private static int StreakIn(IReadOnlyList<KillEvent> kills)
    {
        int best = 0, current = 0;
        string? lastPlayer = null;
        foreach (var kill in kills.OrderBy(k => k.TimestampSeconds))
        {
            current = kill.Player == lastPlayer ? current + 1 : 1;
            lastPlayer = kill.Player;
            best = Math.Max(best, current);
        }
        return best;
    }
}
