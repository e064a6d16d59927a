namespace Blind2.C22;

/// <summary>
/// Cache with absolute expiry for rendered product fragments. Reads vastly
/// outnumber writes, so it uses a reader/writer lock; a timer purges expired
/// entries once a minute.
/// </summary>
public sealed class FragmentCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Timer _purgeTimer;
    private long _hits;
    private long _misses;

    private readonly record struct Entry(string Html, DateTime ExpiresUtc);

    public FragmentCache()
    {
        _purgeTimer = new Timer(_ => Purge(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(string key, out string html)
    {
        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresUtc > DateTime.UtcNow)
            {
                Interlocked.Increment(ref _hits);
                html = entry.Html;
                return true;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        Interlocked.Increment(ref _misses);
        html = string.Empty;
        return false;
    }

    public void Set(string key, string html, TimeSpan ttl)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries[key] = new Entry(html, DateTime.UtcNow + ttl);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public string GetOrRender(string key, Func<string> render, TimeSpan ttl)
    {
        if (TryGet(key, out var html))
            return html;

        html = render();
        Set(key, html, ttl);
        return html;
    }

    private void Purge()
    {
        var now = DateTime.UtcNow;
        _lock.EnterWriteLock();
        try
        {
            var expired = _entries.Where(kv => kv.Value.ExpiresUtc <= now).Select(kv => kv.Key).ToList();
            foreach (var key in expired)
                _entries.Remove(key);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        using (var done = new ManualResetEvent(false))
        {
            _purgeTimer.Dispose(done);
            done.WaitOne();
        }
        _lock.Dispose();
    }
}
