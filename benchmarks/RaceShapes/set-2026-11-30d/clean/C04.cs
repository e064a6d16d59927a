using System.Collections.Concurrent;

namespace Blind4.Clean.Caching.Expiring;

/// <summary>
/// Absolute-expiry cache with a size cap. When the cap is exceeded the background sweep
/// evicts the least frequently read entries. Instances are registered as singletons and
/// read from every request.
/// </summary>
public sealed class ExpiringLfuCache<TKey, TValue> : IDisposable where TKey : notnull
{
    private sealed class Entry
    {
        private int _hits;

        public Entry(TValue value, DateTime expiresUtc)
        {
            Value = value;
            ExpiresUtc = expiresUtc;
        }

        public TValue Value { get; }

        public DateTime ExpiresUtc { get; }

        public int Hits => Volatile.Read(ref _hits);

        public void MarkUsed() => Interlocked.Increment(ref _hits);
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
            entry.MarkUsed();
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public TValue GetOrCreate(TKey key, Func<TKey, TValue> factory)
    {
        var now = DateTime.UtcNow;
        var entry = _entries.AddOrUpdate(
            key,
            static (k, state) => new Entry(state.factory(k), state.now + state.ttl),
            static (k, existing, state) => existing.ExpiresUtc > state.now
                ? existing
                : new Entry(state.factory(k), state.now + state.ttl),
            (factory, now, ttl: _timeToLive));
        entry.MarkUsed();
        return entry.Value;
    }

    public void Set(TKey key, TValue value) =>
        _entries[key] = new Entry(value, DateTime.UtcNow + _timeToLive);

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

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
            .Select(pair => (Pair: pair, Hits: pair.Value.Hits))
            .OrderBy(candidate => candidate.Hits)
            .Take(overflow)
            .Select(candidate => candidate.Pair)
            .ToList();
        foreach (var victim in victims)
        {
            _entries.TryRemove(victim);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
