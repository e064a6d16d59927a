namespace Blind29.TramDepot.Stabling;

public sealed record Bay(int Number, string Road, bool HasPit);

/// <summary>
/// Keeps track of which tram is stabled in which bay overnight. Shared by the
/// depot controller's desk app, the driver sign-on kiosks and the maintenance planner.
/// </summary>
public sealed class StablingBoard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, Bay> _bayByTram = new();
    private readonly List<Bay> _bays;

    public StablingBoard(IEnumerable<Bay> bays) => _bays = bays.ToList();

    public Bay? Locate(string tramId)
    {
        _lock.EnterReadLock();
        try
        {
            return _bayByTram.TryGetValue(tramId, out var bay) ? bay : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public Bay? AssignBay(string tramId, bool needsPit)
    {
        _lock.EnterReadLock();
        try
        {
            var occupied = _bayByTram.Values.Select(b => b.Number).ToHashSet();
            var free = _bays.FirstOrDefault(b => !occupied.Contains(b.Number) && (!needsPit || b.HasPit));
            if (free is not null)
            {
                _bayByTram[tramId] = free;
            }

            return free;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Depart(string tramId)
    {
        _lock.EnterWriteLock();
        try
        {
            _bayByTram.Remove(tramId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyDictionary<string, Bay> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return new Dictionary<string, Bay>(_bayByTram);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
