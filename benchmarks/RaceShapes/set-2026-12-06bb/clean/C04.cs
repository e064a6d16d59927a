using Microsoft.Extensions.Hosting;

namespace Blind54.ClimbingGym.Leaderboard;

public sealed record ClimberStanding(string ClimberId, string Name, int Points, int Rank);

/// <summary>
/// Bouldering league leaderboard shown on the lobby screens and in the members app.
/// Registered as a singleton: ascents are logged from the front-desk tablets while many
/// clients read the current standings.
/// </summary>
public sealed class BoulderingLeaderboard
{
    private readonly object _writeLock = new();
    private readonly Dictionary<string, (string Name, int Points)> _points = new();
    private IReadOnlyList<ClimberStanding> _standings = Array.Empty<ClimberStanding>();
    private bool _dirty;

    public void LogAscent(string climberId, string name, int gradePoints)
    {
        lock (_writeLock)
        {
            _points.TryGetValue(climberId, out var current);
            _points[climberId] = (name, current.Points + gradePoints);
            _dirty = true;
        }
    }

    /// <summary>Recomputes ranks. Called by <see cref="LeaderboardRanker"/> every few seconds.</summary>
    public void Rerank()
    {
        lock (_writeLock)
        {
            if (!_dirty)
            {
                return;
            }

            var ordered = _points
                .OrderByDescending(p => p.Value.Points)
                .ThenBy(p => p.Value.Name, StringComparer.Ordinal)
                .Select((p, i) => new ClimberStanding(p.Key, p.Value.Name, p.Value.Points, i + 1))
                .ToArray();
            Volatile.Write(ref _standings, ordered);
            _dirty = false;
        }
    }

    public IReadOnlyList<ClimberStanding> Top(int count)
    {
        var standings = Volatile.Read(ref _standings);
        return standings.Take(count).ToArray();
    }

    public ClimberStanding? Find(string climberId)
    {
        var standings = Volatile.Read(ref _standings);
        return standings.FirstOrDefault(s => s.ClimberId == climberId);
    }
}

public sealed class LeaderboardRanker : BackgroundService
{
    private readonly BoulderingLeaderboard _board;

    public LeaderboardRanker(BoulderingLeaderboard board) => _board = board;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            _board.Rerank();
        }
    }
}
