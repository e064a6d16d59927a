namespace Lighthouse.Lamp;

/// <summary>
/// Tracks the lamp rotation of a lighthouse. The rotation sensor thread reports each
/// revolution; the keeper's console and the remote monitoring service read the stats.
/// </summary>
public sealed class LampRotationTracker : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly TimeSpan _nominalPeriod;
    private long _revolutions;
    private DateTime _lastRevolutionUtc;
    private TimeSpan _lastPeriod;

    public LampRotationTracker(TimeSpan nominalPeriod) => _nominalPeriod = nominalPeriod;

    public void OnRevolution(DateTime utcNow)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_lastRevolutionUtc != default)
                _lastPeriod = utcNow - _lastRevolutionUtc;
            _lastRevolutionUtc = utcNow;
            _revolutions++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Returns whether the lamp is within 5% of its charted period. Called by the console
    /// and the monitoring service; each check is counted for the maintenance log.
    /// </summary>
    public bool IsOnCharacter(out int checksPerformed)
    {
        _lock.EnterReadLock();
        try
        {
            _checks++;
            checksPerformed = _checks;
            if (_lastPeriod == TimeSpan.Zero)
                return false;
            var drift = Math.Abs((_lastPeriod - _nominalPeriod).TotalMilliseconds) / _nominalPeriod.TotalMilliseconds;
            return drift <= 0.05;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private int _checks;

    public long Revolutions
    {
        get
        {
            _lock.EnterReadLock();
            try { return _revolutions; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Dispose() => _lock.Dispose();
}
