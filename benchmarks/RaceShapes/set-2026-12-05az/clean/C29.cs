using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Archery.Rounds;

public readonly record struct ArrowHit(int Ring, bool InnerTen);

public sealed record TargetFace(int Lane, IReadOnlyList<ArrowHit> Hits);

/// <summary>
/// Running tally for an end or a round.
/// </summary>
public struct EndTally
{
    public int Arrows;
    public int Score;
    public int Xs;
    public int Misses;

    public void Add(ArrowHit hit)
    {
        Arrows++;
        if (hit.Ring <= 0)
        {
            Misses++;
            return;
        }

        Score += hit.Ring;
        if (hit.InnerTen)
        {
            Xs++;
        }
    }

    public void Merge(in EndTally other)
    {
        Arrows += other.Arrows;
        Score += other.Score;
        Xs += other.Xs;
        Misses += other.Misses;
    }
}

/// <summary>
/// Scores all target faces photographed after an end, one task per face.
/// </summary>
public sealed class EndScorer
{
    public async Task<EndTally> ScoreEndAsync(IReadOnlyList<TargetFace> faces, CancellationToken ct)
    {
        var perFace = await Task.WhenAll(faces.Select(face => Task.Run(() => ScoreFace(face), ct))).ConfigureAwait(false);

        var total = new EndTally();
        foreach (var tally in perFace)
        {
            total.Merge(tally);
        }

        return total;
    }

    private static EndTally ScoreFace(TargetFace face)
    {
        var tally = new EndTally();
        foreach (var hit in face.Hits)
        {
            tally.Add(hit);
        }

        return tally;
    }
}

/// <summary>
/// Per-lane totals for the tournament leaderboard; lane tablets post ends
/// concurrently and the big screen reads them.
/// </summary>
public sealed class LaneLeaderboard
{
    private readonly object _sync = new();
    private readonly Dictionary<int, EndTally> _byLane = new();

    public void Post(int lane, EndTally end)
    {
        lock (_sync)
        {
            var running = _byLane.GetValueOrDefault(lane);
            running.Merge(end);
            _byLane[lane] = running;
        }
    }

    public EndTally Get(int lane)
    {
        lock (_sync)
        {
            return _byLane.GetValueOrDefault(lane);
        }
    }

    public IReadOnlyList<(int Lane, EndTally Tally)> Ranking()
    {
        lock (_sync)
        {
            return _byLane
                .Select(kv => (kv.Key, kv.Value))
                .OrderByDescending(x => x.Value.Score)
                .ThenByDescending(x => x.Value.Xs)
                .ToList();
        }
    }
}
