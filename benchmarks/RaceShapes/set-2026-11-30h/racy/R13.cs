using System.Collections.Concurrent;

namespace Blind8.Caching.Expiring;

/// <summary>
/// Lightweight in-memory cache with absolute expiration. Expired entries are
/// swept opportunistically from Get/Set instead of by a background timer.
/// Instances are typically held in static fields or singleton services and
/// used from many request threads.
/// </summary>
public sealed class ExpiringCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries;
    private readonly TimeSpan _timeToLive;
    private readonly TimeSpan _sweepInterval;
    private readonly Func<DateTime> _utcNow;
    private DateTime _nextSweepUtc;

    private readonly record struct Entry(TValue Value, DateTime ExpiresUtc);

    public ExpiringCache(TimeSpan timeToLive, TimeSpan? sweepInterval = null, IEqualityComparer<TKey>? comparer = null, Func<DateTime>? utcNow = null)
    {
        _entries = new ConcurrentDictionary<TKey, Entry>(comparer);
        _timeToLive = timeToLive;
        _sweepInterval = sweepInterval ?? TimeSpan.FromMinutes(1);
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
        _nextSweepUtc = _utcNow() + _sweepInterval;
    }

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue? value)
    {
        var now = _utcNow();
        SweepIfDue(now);

        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresUtc > now)
        {
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var now = _utcNow();
        _entries[key] = new Entry(value, now + _timeToLive);
        SweepIfDue(now);
    }

    public TValue GetOrCreate(TKey key, Func<TKey, TValue> factory)
    {
        if (TryGet(key, out var cached))
        {
            return cached!;
        }

        var created = factory(key);
        Set(key, created);
        return created;
    }

    public bool Remove(TKey key) => _entries.TryRemove(key, out _);

    private void SweepIfDue(DateTime now)
    {
        if (now < _nextSweepUtc)
        {
            return;
        }

        _nextSweepUtc = now + _sweepInterval;

        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresUtc <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }
}
