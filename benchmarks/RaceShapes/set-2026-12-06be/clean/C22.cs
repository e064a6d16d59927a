namespace Blind57.CanalBoats.Moorings;

public sealed record Mooring(string Berth, string Canal, double LengthMetres, string? Boat);

/// <summary>
/// Registry of visitor moorings along the hire company's stretch of canal. Many request threads
/// look berths up; assignments are comparatively rare.
/// </summary>
public sealed class MooringRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Mooring> _byBerth = new(StringComparer.OrdinalIgnoreCase);

    public void Add(Mooring mooring)
    {
        _lock.EnterWriteLock();
        try
        {
            _byBerth[mooring.Berth] = mooring;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Mooring? Find(string berth)
    {
        _lock.EnterReadLock();
        try
        {
            return _byBerth.TryGetValue(berth, out var m) ? m : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<Mooring> Vacant(double minLength)
    {
        _lock.EnterReadLock();
        try
        {
            return _byBerth.Values.Where(m => m.Boat is null && m.LengthMetres >= minLength).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryAssign(string berth, string boat)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_byBerth.TryGetValue(berth, out var mooring) || mooring.Boat is not null)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _byBerth[berth] = mooring with { Boat = boat };
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

    public void Vacate(string berth)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_byBerth.TryGetValue(berth, out var mooring))
            {
                _byBerth[berth] = mooring with { Boat = null };
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Finds and reserves a berth for a boat arriving this evening.</summary>
public sealed class EveningMooringDesk
{
    private readonly MooringRegistry _registry;

    public EveningMooringDesk(MooringRegistry registry) => _registry = registry;

    public string? Reserve(string boat, double length)
    {
        foreach (var candidate in _registry.Vacant(length).OrderBy(m => m.LengthMetres))
        {
            if (_registry.TryAssign(candidate.Berth, boat))
            {
                return candidate.Berth;
            }
        }
        return null;
    }
}
