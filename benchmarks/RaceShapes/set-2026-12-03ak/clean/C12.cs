namespace Blind37.StainedGlass.Cartoons;

/// <summary>
/// Keeps scanned full-size cartoons (the paper drawings a window is cut from) in memory
/// for the studio's cutting-table projectors. Shared by all projector sessions; when full,
/// the scan that has gone longest without being projected is dropped.
/// </summary>
public sealed class CartoonScanCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public CartoonScanCache(int capacity) => _capacity = capacity;

    public bool TryGet(string windowRef, out ReadOnlyMemory<byte> scan)
    {
        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(windowRef, out var entry))
            {
                entry.Touch();
                scan = entry.Scan;
                return true;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        scan = ReadOnlyMemory<byte>.Empty;
        return false;
    }

    public void Put(string windowRef, byte[] scan)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries[windowRef] = new Entry(scan);
            if (_entries.Count > _capacity)
            {
                EvictLeastRecentlyUsed();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string windowRef)
    {
        _lock.EnterWriteLock();
        try
        {
            return _entries.Remove(windowRef);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    // Caller holds the write lock.
    private void EvictLeastRecentlyUsed()
    {
        string? oldestKey = null;
        var oldestTicks = long.MaxValue;
        foreach (var (key, entry) in _entries)
        {
            var used = entry.LastUsedTicks;
            if (used < oldestTicks)
            {
                oldestTicks = used;
                oldestKey = key;
            }
        }

        if (oldestKey is not null)
        {
            _entries.Remove(oldestKey);
        }
    }

    public void Dispose() => _lock.Dispose();

    private sealed class Entry
    {
        private long _lastUsedTicks;

        public Entry(byte[] scan)
        {
            Scan = scan;
            _lastUsedTicks = DateTime.UtcNow.Ticks;
        }

        public ReadOnlyMemory<byte> Scan { get; }

        public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

        public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);
    }
}
