namespace Blind38.Regatta.Splits;

public readonly record struct SplitTime(string Crew, int Marker, TimeSpan Elapsed);

public interface ISplitFeed
{
    Task<IReadOnlyList<SplitTime>> GetSplitsAsync(string eventId, int marker, CancellationToken ct);
}

public sealed record MarkerLeader(int Marker, string Crew, TimeSpan Elapsed, TimeSpan MarginToSecond);

/// <summary>
/// Works out who led at each 500 m marker for the commentary box. The timing feed is
/// queried for all markers at once and the results combined when they are all back.
/// </summary>
public sealed class MarkerLeaderBoard
{
    private readonly ISplitFeed _feed;

    public MarkerLeaderBoard(ISplitFeed feed)
    {
        _feed = feed;
    }

    public async Task<IReadOnlyList<MarkerLeader>> BuildAsync(string eventId, int markers, CancellationToken ct)
    {
        var perMarker = Enumerable.Range(1, markers)
            .Select(marker => LeaderAtAsync(eventId, marker, ct))
            .ToArray();

        var leaders = await Task.WhenAll(perMarker).ConfigureAwait(false);
        return leaders.Where(l => l is not null).Select(l => l!).OrderBy(l => l.Marker).ToList();
    }

    public async Task<string?> FirstLeadChangeAsync(string eventId, int markers, CancellationToken ct)
    {
        var board = await BuildAsync(eventId, markers, ct).ConfigureAwait(false);
        for (var i = 1; i < board.Count; i++)
        {
            if (board[i].Crew != board[i - 1].Crew)
            {
                return $"{board[i].Crew} took the lead from {board[i - 1].Crew} by the {board[i].Marker * 500} m mark";
            }
        }

        return null;
    }

    private async Task<MarkerLeader?> LeaderAtAsync(string eventId, int marker, CancellationToken ct)
    {
        var splits = await _feed.GetSplitsAsync(eventId, marker, ct).ConfigureAwait(false);
        SplitTime? best = null;
        SplitTime? second = null;
        foreach (var split in splits)
        {
            if (best is null || split.Elapsed < best.Value.Elapsed)
            {
                second = best;
                best = split;
            }
            else if (second is null || split.Elapsed < second.Value.Elapsed)
            {
                second = split;
            }
        }

        if (best is not { } b)
        {
            return null;
        }

        var margin = second is { } s ? s.Elapsed - b.Elapsed : TimeSpan.Zero;
        return new MarkerLeader(marker, b.Crew, b.Elapsed, margin);
    }
}
