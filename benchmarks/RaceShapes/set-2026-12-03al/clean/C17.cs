using System.Collections.Concurrent;

namespace Blind38.Lacrosse.Standings;

public readonly record struct TeamRecord(int Played, int Wins, int Losses, int GoalsFor, int GoalsAgainst)
{
    public int Points => Wins * 2;
    public int GoalDifference => GoalsFor - GoalsAgainst;

    public TeamRecord WithResult(int scored, int conceded) => new(
        Played + 1,
        Wins + (scored > conceded ? 1 : 0),
        Losses + (scored < conceded ? 1 : 0),
        GoalsFor + scored,
        GoalsAgainst + conceded);
}

public sealed record FinalScore(string GameId, string Home, int HomeGoals, string Away, int AwayGoals);

/// <summary>
/// League table for the current season. Registered as a singleton; final scores are posted
/// by referees' apps for games that finish at the same time, and the public site reads the table.
/// </summary>
public sealed class LeagueTable
{
    private readonly ConcurrentDictionary<string, TeamRecord> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FinalScore> _processedGames = new();

    public bool Post(FinalScore score)
    {
        // A referee may retry a submission; only the first one counts.
        if (!_processedGames.TryAdd(score.GameId, score))
        {
            return false;
        }

        _records.AddOrUpdate(
            score.Home,
            _ => default(TeamRecord).WithResult(score.HomeGoals, score.AwayGoals),
            (_, current) => current.WithResult(score.HomeGoals, score.AwayGoals));

        _records.AddOrUpdate(
            score.Away,
            _ => default(TeamRecord).WithResult(score.AwayGoals, score.HomeGoals),
            (_, current) => current.WithResult(score.AwayGoals, score.HomeGoals));

        return true;
    }

    public TeamRecord For(string team) => _records.TryGetValue(team, out var record) ? record : default;

    public IReadOnlyList<(string Team, TeamRecord Record)> Ranked()
    {
        return _records
            .ToArray()
            .OrderByDescending(p => p.Value.Points)
            .ThenByDescending(p => p.Value.GoalDifference)
            .ThenByDescending(p => p.Value.GoalsFor)
            .ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => (p.Key, p.Value))
            .ToList();
    }

    public int GamesProcessed => _processedGames.Count;
}
