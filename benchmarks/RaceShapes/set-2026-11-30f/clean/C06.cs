namespace Storefront.SessionCache;

/// <summary>
/// Cache of shopping-cart summaries with a sliding expiry. Shared by all
/// request threads; reads dominate, so a reader/writer lock is used.
/// </summary>
public sealed class CartSummaryCache : IDisposable
{
    private readonly Dictionary<Guid, Entry> _entries = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly TimeSpan _timeToLive;

    public CartSummaryCache(TimeSpan timeToLive)
    {
        _timeToLive = timeToLive;
    }

    public bool TryGet(Guid cartId, out CartSummary summary)
    {
        var now = DateTime.UtcNow;
        var expired = false;

        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(cartId, out var entry))
            {
                if (entry.ExpiresUtc > now)
                {
                    summary = entry.Summary;
                    return true;
                }

                expired = true;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        if (expired)
        {
            _lock.EnterWriteLock();
            try
            {
                if (_entries.TryGetValue(cartId, out var entry) && entry.ExpiresUtc <= now)
                {
                    _entries.Remove(cartId);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        summary = default!;
        return false;
    }

    public void Set(Guid cartId, CartSummary summary)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries[cartId] = new Entry(summary, DateTime.UtcNow + _timeToLive);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Invalidate(Guid cartId)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries.Remove(cartId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private readonly record struct Entry(CartSummary Summary, DateTime ExpiresUtc);
}

public sealed record CartSummary(Guid CartId, int ItemCount, decimal Total);
