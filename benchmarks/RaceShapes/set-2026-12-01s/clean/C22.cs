using System.Collections.Concurrent;

namespace ArcheryRange.Scoring;

public sealed record ArrowScore(int Lane, int End, int Points, bool IsX);

public sealed record LaneStanding(int Lane, int Total, int Xs);

/// <summary>
/// Live scoring for a range session. Registered as a singleton; every lane's scoring
/// tablet posts arrows through the API and the big screen polls <see cref="Standings"/>.
/// </summary>
public sealed class SessionScoreboard
{
    private readonly int[] _totals;
    private readonly int[] _xCounts;
    private readonly ConcurrentBag<ArrowScore> _arrows = new();

    public SessionScoreboard(int laneCount)
    {
        _totals = new int[laneCount];
        _xCounts = new int[laneCount];
    }

    public bool Record(ArrowScore arrow)
    {
        if (arrow.Lane < 0 || arrow.Lane >= _totals.Length)
            return false;
        if (arrow.Points is < 0 or > 10)
            return false;

        Interlocked.Add(ref _totals[arrow.Lane], arrow.Points);
        if (arrow.IsX)
            Interlocked.Increment(ref _xCounts[arrow.Lane]);
        _arrows.Add(arrow);
        return true;
    }

    public IReadOnlyList<LaneStanding> Standings()
    {
        var standings = new List<LaneStanding>(_totals.Length);
        for (int lane = 0; lane < _totals.Length; lane++)
        {
            standings.Add(new LaneStanding(
                lane,
                Volatile.Read(ref _totals[lane]),
                Volatile.Read(ref _xCounts[lane])));
        }

        // Ties are broken on X count, as in the rulebook.
        return standings
            .OrderByDescending(s => s.Total)
            .ThenByDescending(s => s.Xs)
            .ToList();
    }

    public IReadOnlyList<ArrowScore> ArrowsForLane(int lane) =>
        _arrows.Where(a => a.Lane == lane).OrderBy(a => a.End).ToList();

    public void Reset()
    {
        for (int lane = 0; lane < _totals.Length; lane++)
        {
            Interlocked.Exchange(ref _totals[lane], 0);
            Interlocked.Exchange(ref _xCounts[lane], 0);
        }
        _arrows.Clear();
    }
}
