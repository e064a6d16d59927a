namespace Blind66.OysterBeds.Harvest;

public sealed record BedClassification(string BedId, char Class, DateOnly ValidUntil);

public interface IShellfishAuthorityFeed
{
    BedClassification Fetch(string bedId);
}

/// <summary>
/// Caches the shellfish-authority classification of each oyster bed. Shared by the harvest
/// approval API and the depuration planner, which call it from many request threads.
/// </summary>
public sealed class BedClassificationCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, BedClassification> _byBed = new(StringComparer.OrdinalIgnoreCase);
    private readonly IShellfishAuthorityFeed _feed;
    private readonly Func<DateOnly> _today;

    public BedClassificationCache(IShellfishAuthorityFeed feed, Func<DateOnly> today)
    {
        _feed = feed;
        _today = today;
    }

    public BedClassification Get(string bedId)
    {
        _lock.EnterReadLock();
        try
        {
            if (_byBed.TryGetValue(bedId, out var cached) && cached.ValidUntil >= _today())
            {
                return cached;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_byBed.TryGetValue(bedId, out var cached) && cached.ValidUntil >= _today())
            {
                return cached;
            }

            var fresh = _feed.Fetch(bedId);
            _lock.EnterWriteLock();
            try
            {
                _byBed[bedId] = fresh;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return fresh;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public bool MayHarvestDirect(string bedId) => Get(bedId).Class == 'A';

    public IReadOnlyList<BedClassification> Expiring(DateOnly before)
    {
        _lock.EnterReadLock();
        try
        {
            return _byBed.Values.Where(c => c.ValidUntil < before).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
