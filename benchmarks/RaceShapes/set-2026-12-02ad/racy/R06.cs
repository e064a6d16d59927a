namespace Blind30.ArcheryRange;

/// <summary>
/// Collects end totals from the target-face scanners during a tournament round.
/// One instance per round, shared by the scanner threads of every lane and by the
/// scoreboard display.
/// </summary>
public sealed class RoundScorer
{
    private readonly object _sync = new();
    private readonly Dictionary<int, List<int>> _endsByLane = new();
    private int _bestEnd;

    public void RecordEnd(int lane, IReadOnlyList<int> arrows)
    {
        if (arrows.Any(a => a < 0 || a > 10))
        {
            throw new ArgumentOutOfRangeException(nameof(arrows), "Arrow values must be 0-10.");
        }

        int endTotal = arrows.Sum();

        lock (_sync)
        {
            if (!_endsByLane.TryGetValue(lane, out var ends))
            {
                ends = new List<int>();
                _endsByLane[lane] = ends;
            }

            ends.Add(endTotal);
        }

        if (endTotal > _bestEnd)
        {
            _bestEnd = endTotal;
        }
    }

    public int BestEnd
    {
        get
        {
            lock (_sync)
            {
                return _bestEnd;
            }
        }
    }

    public int LaneTotal(int lane)
    {
        lock (_sync)
        {
            return _endsByLane.TryGetValue(lane, out var ends) ? ends.Sum() : 0;
        }
    }

    public IReadOnlyList<(int Lane, int Total)> Leaderboard()
    {
        lock (_sync)
        {
            return _endsByLane
                .Select(kv => (kv.Key, kv.Value.Sum()))
                .OrderByDescending(x => x.Item2)
                .ToList();
        }
    }
}

/// <summary>Polls one lane's scanner and forwards ends to the scorer.</summary>
public sealed class LaneScanner
{
    private readonly int _lane;
    private readonly RoundScorer _scorer;
    private readonly Func<CancellationToken, Task<int[]>> _readEnd;

    public LaneScanner(int lane, RoundScorer scorer, Func<CancellationToken, Task<int[]>> readEnd)
    {
        _lane = lane;
        _scorer = scorer;
        _readEnd = readEnd;
    }

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var arrows = await _readEnd(ct).ConfigureAwait(false);
            _scorer.RecordEnd(_lane, arrows);
        }
    }, ct);
}
