namespace Blind28.SkiJump.Scoring;

public sealed record JumpScore(int Bib, string Athlete, string Nation, double DistancePoints, double StylePoints, double WindCompensation)
{
    public double Total => DistancePoints + StylePoints + WindCompensation;
}

/// <summary>
/// Live results for the current round. Judges' tablets post scores and the scoreboard,
/// the TV graphics feed and the results website all read standings at the same time.
/// </summary>
public sealed class RoundLeaderboard : IDisposable
{
    private static readonly Comparison<JumpScore> ByTotalDescending =
        (a, b) => b.Total.CompareTo(a.Total) is var c && c != 0 ? c : a.Bib.CompareTo(b.Bib);

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<int, JumpScore> _byBib = new();
    private readonly List<JumpScore> _ranked = new();

    public void Record(JumpScore score)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_byBib.TryGetValue(score.Bib, out var previous))
            {
                _ranked.Remove(previous);
            }

            _byBib[score.Bib] = score;
            _ranked.Add(score);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<JumpScore> Top(int count)
    {
        _lock.EnterReadLock();
        try
        {
            _ranked.Sort(ByTotalDescending);
            return _ranked.Take(count).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public JumpScore? ForBib(int bib)
    {
        _lock.EnterReadLock();
        try
        {
            return _byBib.TryGetValue(bib, out var s) ? s : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _byBib.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
