namespace Gambit.Tournament.Rounds;

public sealed record BoardResult(int Board, string White, string Black, double WhiteScore);

/// <summary>
/// Collects results for the current round of a Swiss tournament. Arbiters at each board
/// submit results from their tablets; the pairing engine thread blocks in
/// <see cref="WaitForRound"/> until every board has reported.
/// </summary>
public sealed class RoundResultCollector
{
    private readonly object _monitor = new();
    private readonly Dictionary<int, BoardResult> _results = new();
    private int _boardsInRound;
    private int _roundNumber;

    public void StartRound(int roundNumber, int boards)
    {
        Monitor.Enter(_monitor);
        try
        {
            _roundNumber = roundNumber;
            _boardsInRound = boards;
            _results.Clear();
        }
        finally
        {
            Monitor.Exit(_monitor);
        }
    }

    public bool Submit(int round, BoardResult result)
    {
        lock (_monitor)
        {
            if (round != _roundNumber || result.Board < 1 || result.Board > _boardsInRound)
            {
                return false;
            }

            _results[result.Board] = result;
            if (_results.Count == _boardsInRound)
            {
                Monitor.PulseAll(_monitor);
            }
            return true;
        }
    }

    /// <summary>Blocks the pairing engine until all results for the round are in.</summary>
    public IReadOnlyList<BoardResult> WaitForRound(int round, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_roundNumber != round || _results.Count < _boardsInRound)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                {
                    throw new TimeoutException($"Round {round} still has missing results");
                }
            }
            return _results.Values.OrderBy(r => r.Board).ToList();
        }
    }

    public int Outstanding
    {
        get
        {
            lock (_monitor)
            {
                return _boardsInRound - _results.Count;
            }
        }
    }
}
