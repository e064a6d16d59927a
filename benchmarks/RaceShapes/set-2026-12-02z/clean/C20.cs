using System.Collections.Concurrent;

namespace Blind26.Falconry.Scoring;

public sealed class FlightScoredEventArgs : EventArgs
{
    public FlightScoredEventArgs(string falconer, string bird, int points)
    {
        Falconer = falconer;
        Bird = bird;
        Points = points;
    }

    public string Falconer { get; }
    public string Bird { get; }
    public int Points { get; }
}

public sealed record Entrant(string Falconer, string Bird);

/// <summary>
/// Collects judges' marks for each flight. Flights on the different fields are judged in
/// parallel and <see cref="FlightScored"/> is raised from the judging tasks.
/// </summary>
public sealed class FlightJudging
{
    private readonly Func<Entrant, CancellationToken, Task<int>> _judge;

    public FlightJudging(Func<Entrant, CancellationToken, Task<int>> judge) => _judge = judge;

    public event EventHandler<FlightScoredEventArgs>? FlightScored;

    public Task RunAsync(IEnumerable<Entrant> entrants, int fields, CancellationToken ct) =>
        Parallel.ForEachAsync(entrants, new ParallelOptions { MaxDegreeOfParallelism = fields, CancellationToken = ct },
            async (entrant, token) =>
            {
                int points = await _judge(entrant, token).ConfigureAwait(false);
                FlightScored?.Invoke(this, new FlightScoredEventArgs(entrant.Falconer, entrant.Bird, points));
            });
}

/// <summary>Running totals for the tournament board.</summary>
public sealed class TournamentScoreboard
{
    private readonly ConcurrentDictionary<string, int> _totals = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _leaderLock = new();
    private (string Falconer, int Points) _leader = (string.Empty, int.MinValue);
    private int _flights;

    public TournamentScoreboard(FlightJudging judging)
    {
        judging.FlightScored += OnFlightScored;
    }

    private void OnFlightScored(object? sender, FlightScoredEventArgs e)
    {
        int total = _totals.AddOrUpdate(e.Falconer, e.Points, (_, existing) => existing + e.Points);
        Interlocked.Increment(ref _flights);

        lock (_leaderLock)
        {
            if (total > _leader.Points)
            {
                _leader = (e.Falconer, total);
            }
        }
    }

    public int Flights => Volatile.Read(ref _flights);

    public (string Falconer, int Points) Leader
    {
        get
        {
            lock (_leaderLock)
            {
                return _leader;
            }
        }
    }

    public IReadOnlyList<KeyValuePair<string, int>> Standings() =>
        _totals.ToArray().OrderByDescending(kv => kv.Value).ToList();
}
