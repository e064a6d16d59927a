using System.Collections.Concurrent;

namespace Blind4.Caching.Expiring;

/// <summary>
/// Absolute-expiry cache with a size cap. When the cap is exceeded the background sweep
/// evicts the least frequently read entries. Instances are registered as singletons and
/// read from every request.
/// </summary>
public sealed class ExpiringLfuCache<TKey, TValue> : IDisposable where TKey : notnull
{
    private sealed class Entry
    {
        public Entry(TValue value, DateTime expiresUtc)
        {
            Value = value;
            ExpiresUtc = expiresUtc;
        }

        public TValue Value { get; }

        public DateTime ExpiresUtc { get; }

        public int Hits;
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly TimeSpan _timeToLive;
    private readonly int _maxEntries;
    private readonly Timer _sweepTimer;

    public ExpiringLfuCache(TimeSpan timeToLive, int maxEntries, TimeSpan sweepInterval)
    {
        _timeToLive = timeToLive;
        _maxEntries = maxEntries;
        _sweepTimer = new Timer(_ => Sweep(), null, sweepInterval, sweepInterval);
    }

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresUtc > DateTime.UtcNow)
        {
            MarkUsed(entry);
            value = entry.Value;
            return true;
        }

        value = default!;
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

    public void Set(TKey key, TValue value) =>
        _entries[key] = new Entry(value, DateTime.UtcNow + _timeToLive);

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    private static void MarkUsed(Entry entry)
    {
        entry.Hits++;
    }

    private void Sweep()
    {
        var now = DateTime.UtcNow;
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresUtc <= now)
            {
                _entries.TryRemove(pair);
            }
        }

        var overflow = _entries.Count - _maxEntries;
        if (overflow <= 0)
        {
            return;
        }

        var victims = _entries
            .OrderBy(pair => pair.Value.Hits)
            .Take(overflow)
            .ToList();
        foreach (var victim in victims)
        {
            _entries.TryRemove(victim);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
