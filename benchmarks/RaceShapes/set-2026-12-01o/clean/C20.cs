namespace Tram.PassengerCounting.Live;

public sealed record StopLoad(string StopCode, int Boarded, int Alighted, DateTime LastUpdateUtc)
{
    public int NetChange => Boarded - Alighted;
}

/// <summary>
/// Live per-stop passenger counts for the control centre map. Shared by the
/// on-board counter ingestion threads (writers) and the map refresh requests (readers).
/// </summary>
public sealed class LiveStopLoads : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, StopLoad> _loads = new(StringComparer.Ordinal);

    public void Apply(string stopCode, int boarded, int alighted, DateTime atUtc)
    {
        _lock.EnterWriteLock();
        try
        {
            var current = _loads.TryGetValue(stopCode, out var existing)
                ? existing
                : new StopLoad(stopCode, 0, 0, atUtc);
            _loads[stopCode] = current with
            {
                Boarded = current.Boarded + boarded,
                Alighted = current.Alighted + alighted,
                LastUpdateUtc = atUtc > current.LastUpdateUtc ? atUtc : current.LastUpdateUtc,
            };
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public StopLoad? Get(string stopCode)
    {
        _lock.EnterReadLock();
        try
        {
            return _loads.TryGetValue(stopCode, out var load) ? load : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<StopLoad> Busiest(int count)
    {
        _lock.EnterReadLock();
        try
        {
            return _loads.Values.OrderByDescending(l => l.Boarded).Take(count).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ResetForNewServiceDay()
    {
        _lock.EnterWriteLock();
        try
        {
            _loads.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
