using System.Collections.Concurrent;

namespace Catalog.Caching;

/// <summary>
/// In-memory cache with absolute expiration for catalog lookups. Singleton; read and
/// written from request threads. Expired entries are purged opportunistically by
/// whichever request first notices the purge interval has passed.
/// </summary>
public sealed class ExpiringLookupCache<TKey, TValue> where TKey : notnull
{
    private sealed record Entry(TValue Value, long ExpiresAtTicks, int Size);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly object _purgeGate = new();
    private readonly TimeSpan _ttl;
    private readonly long _purgeIntervalTicks;
    private long _nextPurgeTicks;
    private long _approximateSize;

    public ExpiringLookupCache(TimeSpan ttl, TimeSpan purgeInterval)
    {
        _ttl = ttl;
        _purgeIntervalTicks = purgeInterval.Ticks;
        _nextPurgeTicks = DateTime.UtcNow.Ticks + _purgeIntervalTicks;
    }

    public long ApproximateSize => Interlocked.Read(ref _approximateSize);

    public bool TryGet(TKey key, out TValue value)
    {
        long now = DateTime.UtcNow.Ticks;
        MaybePurge(now);

        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtTicks > now)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, int size = 1)
    {
        var entry = new Entry(value, DateTime.UtcNow.Add(_ttl).Ticks, size);
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (_entries.TryUpdate(key, entry, existing))
                {
                    Interlocked.Add(ref _approximateSize, size - existing.Size);
                    return;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _approximateSize, size);
                return;
            }
        }
    }

    private void MaybePurge(long now)
    {
        if (now < Interlocked.Read(ref _nextPurgeTicks))
            return;

        if (!Monitor.TryEnter(_purgeGate))
            return;

        try
        {
            if (now < _nextPurgeTicks)
                return;

            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAtTicks <= now && _entries.TryRemove(pair))
                    Interlocked.Add(ref _approximateSize, -pair.Value.Size);
            }

            Interlocked.Exchange(ref _nextPurgeTicks, now + _purgeIntervalTicks);
        }
        finally
        {
            Monitor.Exit(_purgeGate);
        }
    }
}
