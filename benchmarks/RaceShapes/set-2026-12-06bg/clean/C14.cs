namespace Blind59.Observatory.SkyTiles;

public readonly record struct SkyTileKey(int Level, int Ra, int Dec, string Filter);

/// <summary>
/// Least-recently-used cache of stacked sky-survey tiles for the society's outreach
/// viewer. Shared by every viewer request; tiles are large so the cache is bounded by bytes.
/// </summary>
public sealed class SkyTileCache
{
    private readonly object _lock = new();
    private readonly Dictionary<SkyTileKey, LinkedListNode<(SkyTileKey Key, byte[] Data)>> _map = new();
    private readonly LinkedList<(SkyTileKey Key, byte[] Data)> _lru = new();
    private readonly long _maxBytes;
    private long _bytes;
    private long _hits;
    private long _misses;

    public SkyTileCache(long maxBytes) => _maxBytes = maxBytes;

    public bool TryGet(SkyTileKey key, out byte[] data)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                data = node.Value.Data;
                return true;
            }

            _misses++;
        }

        data = Array.Empty<byte>();
        return false;
    }

    public void Put(SkyTileKey key, byte[] data)
    {
        lock (_lock)
        {
            if (_map.Remove(key, out var existing))
            {
                _lru.Remove(existing);
                _bytes -= existing.Value.Data.Length;
            }

            var node = _lru.AddFirst((key, data));
            _map[key] = node;
            _bytes += data.Length;

            while (_bytes > _maxBytes && _lru.Last is { } oldest && oldest != node)
            {
                _lru.RemoveLast();
                _map.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Data.Length;
            }
        }
    }

    public (long Hits, long Misses, long Bytes) Stats()
    {
        lock (_lock)
        {
            return (_hits, _misses, _bytes);
        }
    }
}

/// <summary>
/// Serves tiles to the outreach viewer, stacking raw frames on a miss.
/// </summary>
public sealed class SkyTileService
{
    private readonly SkyTileCache _cache;
    private readonly Func<SkyTileKey, CancellationToken, Task<byte[]>> _stack;

    public SkyTileService(SkyTileCache cache, Func<SkyTileKey, CancellationToken, Task<byte[]>> stack)
    {
        _cache = cache;
        _stack = stack;
    }

    public async Task<byte[]> GetAsync(SkyTileKey key, CancellationToken ct)
    {
        if (_cache.TryGet(key, out var data))
        {
            return data;
        }

        data = await _stack(key, ct).ConfigureAwait(false);
        _cache.Put(key, data);
        return data;
    }

    public Task PrefetchAsync(IEnumerable<SkyTileKey> keys, CancellationToken ct) =>
        Task.WhenAll(keys.Select(k => GetAsync(k, ct)));
}
