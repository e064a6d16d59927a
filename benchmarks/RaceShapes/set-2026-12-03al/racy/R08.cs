namespace Blind38.Lacrosse.LiveScores;

public sealed class GoalScoredEventArgs : EventArgs
{
    public GoalScoredEventArgs(string gameId, string team, string scorer, TimeSpan clock)
    {
        GameId = gameId;
        Team = team;
        Scorer = scorer;
        Clock = clock;
    }

    public string GameId { get; }
    public string Team { get; }
    public string Scorer { get; }
    public TimeSpan Clock { get; }
}

/// <summary>
/// Follows one game's scorekeeper feed and raises <see cref="GoalScored"/> from its
/// own polling task.
/// </summary>
public sealed class GameFeed
{
    private readonly string _gameId;
    private readonly Func<CancellationToken, Task<(string Team, string Scorer, TimeSpan Clock)?>> _poll;

    public GameFeed(string gameId, Func<CancellationToken, Task<(string, string, TimeSpan)?>> poll)
    {
        _gameId = gameId;
        _poll = poll;
    }

    public event EventHandler<GoalScoredEventArgs>? GoalScored;

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var goal = await _poll(ct).ConfigureAwait(false);
            if (goal is { } g)
            {
                GoalScored?.Invoke(this, new GoalScoredEventArgs(_gameId, g.Team, g.Scorer, g.Clock));
            }
        }
    }, ct);
}

/// <summary>
/// Aggregates goals across all of a matchday's games for the league ticker.
/// </summary>
public sealed class MatchdayTicker
{
    private readonly Dictionary<string, int> _goalsByTeam = new();
    private readonly Func<GoalScoredEventArgs, Task> _publish;

    public MatchdayTicker(Func<GoalScoredEventArgs, Task> publish)
    {
        _publish = publish;
    }

    public async Task FollowAsync(IEnumerable<GameFeed> feeds, CancellationToken ct)
    {
        var running = new List<Task>();
        foreach (var feed in feeds)
        {
            feed.GoalScored += OnGoalScored;
            running.Add(feed.RunAsync(ct));
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async void OnGoalScored(object? sender, GoalScoredEventArgs e)
    {
        try
        {
            await _publish(e).ConfigureAwait(false);
            _goalsByTeam[e.Team] = _goalsByTeam.GetValueOrDefault(e.Team) + 1;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"ticker publish failed for {e.GameId}: {ex.Message}");
        }
    }
}
