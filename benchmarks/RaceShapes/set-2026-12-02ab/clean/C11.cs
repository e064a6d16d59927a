namespace Blind28.SkiJump.Hill;

public sealed record HillConditions(double WindMetresPerSecond, double WindDirectionDegrees, int Gate, DateTime MeasuredAt);

/// <summary>
/// Latest wind and gate readings for the large hill plus the gate history for the round.
/// The anemometer poller writes; the scoring service, the jury screen and the TV feed
/// read concurrently.
/// </summary>
public sealed class HillConditionsStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<HillConditions> _history = new();
    private HillConditions? _latest;

    public void Record(HillConditions conditions)
    {
        _lock.EnterWriteLock();
        try
        {
            _latest = conditions;
            _history.Add(conditions);
            if (_history.Count > 2000)
            {
                _history.RemoveRange(0, _history.Count - 2000);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public HillConditions? Latest
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _latest;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public IReadOnlyList<HillConditions> StrongestGusts(int count)
    {
        _lock.EnterReadLock();
        try
        {
            var copy = _history.ToList();
            copy.Sort((a, b) => b.WindMetresPerSecond.CompareTo(a.WindMetresPerSecond));
            return copy.Take(count).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public double AverageWind(TimeSpan window)
    {
        _lock.EnterReadLock();
        try
        {
            var since = DateTime.UtcNow - window;
            var recent = _history.Where(h => h.MeasuredAt >= since).ToList();
            return recent.Count == 0 ? 0 : recent.Average(h => h.WindMetresPerSecond);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
