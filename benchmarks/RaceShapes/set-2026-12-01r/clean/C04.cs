using System.Collections.Immutable;

namespace Esports.Standings;

public sealed record TeamRecord(string Team, int Wins, int Losses, int MapDiff);

/// <summary>
/// Group-stage standings for an online league. The referee API posts results while
/// the broadcast overlay polls the table; both hit this shared instance concurrently.
/// </summary>
public sealed class GroupStandings
{
    private ImmutableDictionary<string, TeamRecord> _table = ImmutableDictionary<string, TeamRecord>.Empty;

    public void RecordSeries(string winner, string loser, int winnerMaps, int loserMaps)
    {
        var diff = winnerMaps - loserMaps;
        ImmutableInterlocked.Update(ref _table, table =>
        {
            var w = table.TryGetValue(winner, out var wr) ? wr : new TeamRecord(winner, 0, 0, 0);
            var l = table.TryGetValue(loser, out var lr) ? lr : new TeamRecord(loser, 0, 0, 0);
            return table
                .SetItem(winner, w with { Wins = w.Wins + 1, MapDiff = w.MapDiff + diff })
                .SetItem(loser, l with { Losses = l.Losses + 1, MapDiff = l.MapDiff - diff });
        });
    }

    public void Disqualify(string team)
    {
        ImmutableInterlocked.TryRemove(ref _table, team, out _);
    }

    public IReadOnlyList<TeamRecord> Ranked()
    {
        var table = Volatile.Read(ref _table);
        return table.Values
            .OrderByDescending(r => r.Wins)
            .ThenByDescending(r => r.MapDiff)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ToList();
    }

    public TeamRecord? Find(string team)
    {
        var table = Volatile.Read(ref _table);
        return table.TryGetValue(team, out var r) ? r : null;
    }
}

public sealed class OverlayFeed
{
    private readonly GroupStandings _standings;

    public OverlayFeed(GroupStandings standings) => _standings = standings;

    public async Task RunAsync(Func<IReadOnlyList<TeamRecord>, Task> push, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(ct))
        {
            await push(_standings.Ranked());
        }
    }
}
