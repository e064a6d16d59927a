namespace DerbyScoring.Live;

public sealed class JamPointsEventArgs : EventArgs
{
    public JamPointsEventArgs(string team, int points) { Team = team; Points = points; }
    public string Team { get; }
    public int Points { get; }
}

/// <summary>
/// Reads the scorekeeper tablets. Each tablet is polled on its own worker task and
/// raises <see cref="PointsScored"/> from that task.
/// </summary>
public sealed class TabletFeed
{
    private readonly IReadOnlyList<string> _tabletIds;

    public TabletFeed(IReadOnlyList<string> tabletIds) => _tabletIds = tabletIds;

    public event EventHandler<JamPointsEventArgs>? PointsScored;

    public Task RunAsync(Func<string, CancellationToken, Task<(string Team, int Points)?>> poll, CancellationToken ct)
    {
        var workers = _tabletIds.Select(id => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var entry = await poll(id, ct).ConfigureAwait(false);
                if (entry is { } e)
                {
                    PointsScored?.Invoke(this, new JamPointsEventArgs(e.Team, e.Points));
                }
            }
        }, ct));
        return Task.WhenAll(workers);
    }
}

/// <summary>Running bout score shown on the arena scoreboard.</summary>
public sealed class BoutScoreboard
{
    private readonly string _homeTeam;
    private int _homeScore;
    private int _awayScore;

    public BoutScoreboard(TabletFeed feed, string homeTeam)
    {
        _homeTeam = homeTeam;
        feed.PointsScored += OnPointsScored;
    }

    public int HomeScore => Volatile.Read(ref _homeScore);
    public int AwayScore => Volatile.Read(ref _awayScore);

    private void OnPointsScored(object? sender, JamPointsEventArgs e)
    {
        if (e.Team == _homeTeam)
        {
            _homeScore += e.Points;
        }
        else
        {
            Interlocked.Add(ref _awayScore, e.Points);
        }
    }
}
