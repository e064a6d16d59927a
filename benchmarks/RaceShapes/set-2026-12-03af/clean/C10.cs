namespace Blind32.Meadery.Batches;

public sealed record FermentProfile(string Yeast, double TargetGravity, int TempCelsius, int Days);

public interface IFermentProfileStore
{
    FermentProfile Load(string yeast);
}

/// <summary>
/// Caches fermentation profiles per yeast strain for the meadery's batch
/// tracking service. Lookups come from the tank monitors and the brewers'
/// app concurrently; profiles change only when the head brewer edits them.
/// </summary>
public sealed class FermentProfileCache : IDisposable
{
    private readonly IFermentProfileStore _store;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, FermentProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);

    public FermentProfileCache(IFermentProfileStore store) => _store = store;

    public FermentProfile Get(string yeast)
    {
        _lock.EnterReadLock();
        try
        {
            if (_profiles.TryGetValue(yeast, out var cached))
                return cached;
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_profiles.TryGetValue(yeast, out var cached))
                return cached;

            var loaded = _store.Load(yeast);
            _lock.EnterWriteLock();
            try
            {
                _profiles[yeast] = loaded;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return loaded;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Replace(string yeast, FermentProfile profile)
    {
        _lock.EnterWriteLock();
        try
        {
            _profiles[yeast] = profile;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<string> CachedStrains()
    {
        _lock.EnterReadLock();
        try
        {
            return _profiles.Keys.ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Checks every tank against its profile in parallel.</summary>
public sealed class TankMonitor
{
    private readonly FermentProfileCache _cache;

    public TankMonitor(FermentProfileCache cache) => _cache = cache;

    public IReadOnlyList<string> TanksOffTarget(IEnumerable<(string Tank, string Yeast, double Gravity)> tanks) =>
        tanks.AsParallel()
            .Where(t => Math.Abs(t.Gravity - _cache.Get(t.Yeast).TargetGravity) > 0.005)
            .Select(t => t.Tank)
            .ToList();
}
