namespace Quarry.Blasting;

public sealed record BlastWindow(DateTime StartUtc, DateTime EndUtc, string Bench, string ShotFirer);

/// <summary>
/// Calendar of approved blast windows for the quarry. Registered as a singleton; the
/// planning UI books windows while the site access system and neighbours' notification job query it.
/// </summary>
public sealed class BlastCalendar
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly SortedList<DateTime, BlastWindow> _windows = new();

    public bool TryBook(BlastWindow window)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            foreach (var existing in _windows.Values)
            {
                if (existing.StartUtc < window.EndUtc && window.StartUtc < existing.EndUtc)
                    return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _windows.Add(window.StartUtc, window);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public BlastWindow? ActiveAt(DateTime utc)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var w in _windows.Values)
                if (w.StartUtc <= utc && utc < w.EndUtc)
                    return w;
            return null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<BlastWindow> Between(DateTime fromUtc, DateTime toUtc)
    {
        _lock.EnterReadLock();
        try
        {
            return _windows.Values.Where(w => w.StartUtc >= fromUtc && w.StartUtc < toUtc).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
