using System.Collections.Concurrent;

namespace Blind10.Caching.Sessions;

/// <summary>
/// Session cache with absolute expiry. Shared by all request handlers; expired
/// entries are removed lazily from the lookup path.
/// </summary>
public sealed class SessionCache<TKey, TValue> where TKey : notnull
{
    private sealed record Entry(TValue Value, DateTime ExpiresAtUtc);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly TimeSpan _timeToLive;
    private readonly TimeSpan _sweepInterval;
    private long _nextSweepTicks;
    private int _sweeping;

    public SessionCache(TimeSpan timeToLive, TimeSpan sweepInterval)
    {
        _timeToLive = timeToLive;
        _sweepInterval = sweepInterval;
        _nextSweepTicks = DateTime.UtcNow.Ticks + sweepInterval.Ticks;
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        SweepIfDue();
        var now = DateTime.UtcNow;
        var entry = _entries.AddOrUpdate(
            key,
            k => new Entry(factory(k), now + _timeToLive),
            (k, existing) => existing.ExpiresAtUtc > now ? existing : new Entry(factory(k), now + _timeToLive));
        return entry.Value;
    }

    public bool TryGet(TKey key, out TValue value)
    {
        SweepIfDue();
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtUtc > DateTime.UtcNow)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    private void SweepIfDue()
    {
        long now = DateTime.UtcNow.Ticks;
        if (now < Interlocked.Read(ref _nextSweepTicks))
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _nextSweepTicks, now + _sweepInterval.Ticks);
            var cutoff = new DateTime(now, DateTimeKind.Utc);
            var expired = new List<KeyValuePair<TKey, Entry>>();
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAtUtc <= cutoff)
                {
                    expired.Add(pair);
                }
            }

            foreach (var pair in expired)
            {
                _entries.TryRemove(pair);
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
