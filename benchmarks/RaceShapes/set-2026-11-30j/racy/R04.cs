using System.Collections.Concurrent;

namespace Blind10.Caching.TenantSettings;

/// <summary>
/// In-memory cache with absolute expiration, used for resolved tenant settings.
/// Expired entries are swept by a background timer and also opportunistically when a
/// lookup misses.
/// </summary>
public sealed class ExpiringCache<TKey, TValue> : IDisposable where TKey : notnull
{
    private sealed record Entry(TValue Value, DateTime ExpiresAtUtc);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly List<TKey> _expiredKeys = new();
    private readonly TimeSpan _timeToLive;
    private readonly Timer _sweepTimer;
    private long _lastSweepTicks;

    public ExpiringCache(TimeSpan timeToLive)
    {
        _timeToLive = timeToLive;
        _lastSweepTicks = DateTime.UtcNow.Ticks;
        _sweepTimer = new Timer(_ => SweepExpired(), null, timeToLive, timeToLive);
    }

    public int Count => _entries.Count;

    public void Set(TKey key, TValue value)
    {
        _entries[key] = new Entry(value, DateTime.UtcNow + _timeToLive);
    }

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtUtc > DateTime.UtcNow)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        SweepIfOverdue();
        return false;
    }

    public TValue GetOrCreate(TKey key, Func<TKey, TValue> factory)
    {
        if (TryGet(key, out var existing))
        {
            return existing;
        }

        var created = factory(key);
        Set(key, created);
        return created;
    }

    public void Invalidate(TKey key) => _entries.TryRemove(key, out _);

    private void SweepIfOverdue()
    {
        long now = DateTime.UtcNow.Ticks;
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (now - last < _timeToLive.Ticks / 2)
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweepTicks, now);
        SweepExpired();
    }

    private void SweepExpired()
    {
        var now = DateTime.UtcNow;
        _expiredKeys.Clear();
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAtUtc <= now)
            {
                _expiredKeys.Add(pair.Key);
            }
        }

        foreach (var key in _expiredKeys)
        {
            _entries.TryRemove(key, out _);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
