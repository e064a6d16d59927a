namespace Blind46.Lacrosse.Scoreboard;

public sealed record GoalEvent(string MatchId, string Team, string Scorer, TimeSpan GameClock);

public interface IConnectionTransport
{
    Task SendAsync(string connectionId, string payload, CancellationToken ct);
}

/// <summary>
/// Tracks which live-score connections are watching which match. Shared by
/// the hub (join/leave on connect and disconnect) and the goal broadcaster.
/// </summary>
public sealed class MatchGroupRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.Ordinal);

    public void Join(string matchId, string connectionId)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(matchId, out var members))
                _groups[matchId] = members = new List<string>();
            if (!members.Contains(connectionId))
                members.Add(connectionId);
        }
    }

    public void Leave(string matchId, string connectionId)
    {
        lock (_lock)
        {
            if (_groups.TryGetValue(matchId, out var members) && members.Remove(connectionId) && members.Count == 0)
                _groups.Remove(matchId);
        }
    }

    public IReadOnlyList<string> Members(string matchId)
    {
        lock (_lock)
        {
            return _groups.TryGetValue(matchId, out var members) ? members : Array.Empty<string>();
        }
    }
}

public sealed class ScoreHub
{
    private readonly MatchGroupRegistry _groups;

    public ScoreHub(MatchGroupRegistry groups) => _groups = groups;

    public Task OnWatchMatchAsync(string connectionId, string matchId)
    {
        _groups.Join(matchId, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string connectionId, IEnumerable<string> watchedMatches)
    {
        foreach (var match in watchedMatches)
            _groups.Leave(match, connectionId);
        return Task.CompletedTask;
    }
}

public sealed class GoalBroadcaster
{
    private readonly MatchGroupRegistry _groups;
    private readonly IConnectionTransport _transport;

    public GoalBroadcaster(MatchGroupRegistry groups, IConnectionTransport transport)
    {
        _groups = groups;
        _transport = transport;
    }

    public async Task BroadcastAsync(GoalEvent goal, CancellationToken ct)
    {
        string payload = $"{{\"team\":\"{goal.Team}\",\"scorer\":\"{goal.Scorer}\",\"clock\":\"{goal.GameClock:mm\\:ss}\"}}";
        int delivered = 0;

        foreach (var connectionId in _groups.Members(goal.MatchId))
        {
            await _transport.SendAsync(connectionId, payload, ct).ConfigureAwait(false);
            delivered++;
        }

        if (delivered == 0)
            Console.WriteLine($"Goal in {goal.MatchId} had no live viewers");
    }
}
