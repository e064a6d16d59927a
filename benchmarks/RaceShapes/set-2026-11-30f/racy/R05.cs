namespace Storefront.Caching;

/// <summary>
/// Small in-process cache with a fixed time-to-live per entry. Instances are
/// registered as singletons and read far more often than written, hence the
/// reader/writer lock.
/// </summary>
public sealed class ExpiringCache<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private readonly Dictionary<TKey, CacheEntry> _entries = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly TimeSpan _timeToLive;
    private readonly Func<DateTime> _utcNow;

    public ExpiringCache(TimeSpan timeToLive, Func<DateTime>? utcNow = null)
    {
        _timeToLive = timeToLive;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresUtc > _utcNow())
                {
                    value = entry.Value;
                    return true;
                }

                _entries.Remove(key);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries[key] = new CacheEntry(value, _utcNow() + _timeToLive);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public TValue GetOrCreate(TKey key, Func<TKey, TValue> factory)
    {
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var created = factory(key);
        Set(key, created);
        return created;
    }

    public void Dispose() => _lock.Dispose();

    private readonly record struct CacheEntry(TValue Value, DateTime ExpiresUtc);
}

public sealed record Product(string Sku, string Name, decimal Price);

public sealed class ProductCatalogService
{
    private readonly ExpiringCache<string, Product?> _cache = new(TimeSpan.FromMinutes(5));
    private readonly Func<string, Product?> _loadFromDatabase;

    public ProductCatalogService(Func<string, Product?> loadFromDatabase)
    {
        _loadFromDatabase = loadFromDatabase;
    }

    public Product? FindBySku(string sku) => _cache.GetOrCreate(sku, _loadFromDatabase);
}
