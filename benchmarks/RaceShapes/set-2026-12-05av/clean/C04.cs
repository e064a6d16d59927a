namespace Blind48.JazzFestival.Requests;

public sealed class RequestTally
{
    public RequestTally(string tune) => Tune = tune;

    public string Tune { get; }

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public void Increment() => Interlocked.Increment(ref _requests);
}

/// <summary>
/// Audience song requests sent from the festival app. Registered as a
/// singleton; the request endpoint and the stage monitors call it
/// concurrently.
/// </summary>
public sealed class SongRequestBoard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, RequestTally> _tallies = new(StringComparer.OrdinalIgnoreCase);

    public void Request(string tune)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_tallies.TryGetValue(tune, out var tally))
            {
                _lock.EnterWriteLock();
                try
                {
                    tally = new RequestTally(tune);
                    _tallies.Add(tune, tally);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            tally.Increment();
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public bool TryBump(string tune)
    {
        _lock.EnterReadLock();
        try
        {
            if (_tallies.TryGetValue(tune, out var tally))
            {
                tally.Increment();
                return true;
            }

            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<(string Tune, int Requests)> Top(int count)
    {
        _lock.EnterReadLock();
        try
        {
            return _tallies.Values
                .Select(t => (t.Tune, t.Requests))
                .OrderByDescending(t => t.Requests)
                .Take(count)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ClearAfterSet()
    {
        _lock.EnterWriteLock();
        try
        {
            _tallies.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
