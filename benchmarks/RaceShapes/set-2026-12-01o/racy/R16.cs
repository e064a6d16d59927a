namespace MobileGame.Leaderboards.Weekly;

public sealed class PlayerStanding
{
    public PlayerStanding(string playerId, string displayName)
    {
        PlayerId = playerId;
        DisplayName = displayName;
    }

    public string PlayerId { get; }
    public string DisplayName { get; }
    public long WeeklyPoints { get; set; }
}

public sealed record ScoreEvent(string PlayerId, string LevelId, int Points, DateTime At);

/// <summary>
/// Rebuilds the weekly leaderboard from the score events exported by the game
/// backend. Runs as a scheduled job in the leaderboard worker.
/// </summary>
public sealed class WeeklyLeaderboardRebuilder
{
    private readonly IReadOnlyDictionary<string, PlayerStanding> _players;

    public WeeklyLeaderboardRebuilder(IEnumerable<PlayerStanding> registeredPlayers)
    {
        _players = registeredPlayers.ToDictionary(p => p.PlayerId);
    }

    public IReadOnlyList<PlayerStanding> Rebuild(IReadOnlyList<ScoreEvent> events, DateTime weekStart)
    {
        foreach (var player in _players.Values)
        {
            player.WeeklyPoints = 0;
        }

        var weekEnd = weekStart.AddDays(7);
        Parallel.ForEach(events, scoreEvent =>
        {
            if (scoreEvent.At < weekStart || scoreEvent.At >= weekEnd)
            {
                return;
            }

            if (!_players.TryGetValue(scoreEvent.PlayerId, out var player))
            {
                return;
            }

            player.WeeklyPoints += Math.Max(0, scoreEvent.Points);
        });

        return _players.Values
            .Where(p => p.WeeklyPoints > 0)
            .OrderByDescending(p => p.WeeklyPoints)
            .ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Take(100)
            .ToList();
    }
}
