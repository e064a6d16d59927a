using System.Collections.Concurrent;

namespace Caching.Expiration;

/// <summary>
/// In-memory cache with absolute expiration. A background sweep removes
/// expired entries; the sweep interval adapts to how much it found last
/// time. The cache is a singleton used by all request handlers.
/// </summary>
public sealed class ExpiringCache<TKey, TValue> : IDisposable where TKey : notnull
{
    private readonly record struct Entry(TValue Value, long ExpiresAtTicks);

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Timer _sweepTimer;
    private TimeSpan _currentInterval = TimeSpan.FromSeconds(30);
    private int _emptySweepsInARow;
    private long _totalEvicted;
    private volatile bool _disposed;

    public ExpiringCache()
    {
        _sweepTimer = new Timer(Sweep, null, Timeout.Infinite, Timeout.Infinite);
        _sweepTimer.Change(_currentInterval, Timeout.InfiniteTimeSpan);
    }

    public long TotalEvicted => Interlocked.Read(ref _totalEvicted);

    public void Set(TKey key, TValue value, TimeSpan ttl) =>
        _entries[key] = new Entry(value, DateTime.UtcNow.Ticks + ttl.Ticks);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAtTicks > DateTime.UtcNow.Ticks)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Sweep(object? state)
    {
        long now = DateTime.UtcNow.Ticks;
        int evicted = 0;

        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAtTicks <= now && _entries.TryRemove(pair))
            {
                evicted++;
            }
        }

        Interlocked.Add(ref _totalEvicted, evicted);

        if (evicted == 0)
        {
            _emptySweepsInARow++;
            if (_emptySweepsInARow >= 3 && _currentInterval < MaxInterval)
            {
                _currentInterval = TimeSpan.FromTicks(Math.Min(_currentInterval.Ticks * 2, MaxInterval.Ticks));
                _emptySweepsInARow = 0;
            }
        }
        else
        {
            _emptySweepsInARow = 0;
            _currentInterval = TimeSpan.FromTicks(Math.Max(_currentInterval.Ticks / 2, MinInterval.Ticks));
        }

        if (_disposed)
        {
            return;
        }

        try
        {
            _sweepTimer.Change(_currentInterval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _sweepTimer.Dispose();
    }
}
