namespace Blind55.Clean.C17;

public sealed record PitchAvailability(string Site, DateOnly Night, int TentPitches, int CaravanPitches, DateTime LoadedAt);

public interface IPitchInventory
{
    PitchAvailability Load(string site, DateOnly night);
}

/// <summary>
/// Caches pitch availability for the camping ground booking site. Registered as a singleton;
/// search requests read it concurrently and the booking service invalidates nights it changes.
/// </summary>
public sealed class PitchAvailabilityCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<(string Site, DateOnly Night), PitchAvailability> _entries = new();
    private readonly IPitchInventory _inventory;

    public PitchAvailabilityCache(IPitchInventory inventory) => _inventory = inventory;

    public PitchAvailability Get(string site, DateOnly night)
    {
        var key = (site, night);

        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        // Load outside any lock; the inventory call goes to the database.
        var loaded = _inventory.Load(site, night);

        _lock.EnterWriteLock();
        try
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                return existing;
            }

            _entries[key] = loaded;
            return loaded;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Invalidate(string site, DateOnly night)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries.Remove((site, night));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _entries.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Dispose() => _lock.Dispose();
}
