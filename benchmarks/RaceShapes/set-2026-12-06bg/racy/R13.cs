using System.Collections.Concurrent;

namespace Blind59.Orienteering.Maps;

public readonly record struct TileKey(int Zoom, int X, int Y);

/// <summary>
/// In-memory cache of rendered map tiles for the event's live tracking site, with
/// least-recently-used eviction. Shared by all tile requests.
/// </summary>
public sealed class MapTileCache
{
    private sealed class Entry
    {
        public Entry(TileKey key, byte[] png)
        {
            Key = key;
            Png = png;
            Node = new LinkedListNode<Entry>(this);
        }

        public TileKey Key { get; }
        public byte[] Png { get; }
        public LinkedListNode<Entry> Node { get; }
    }

    private readonly ConcurrentDictionary<TileKey, Entry> _entries = new();
    private readonly LinkedList<Entry> _recency = new();
    private readonly object _evictionLock = new();
    private readonly int _capacity;

    public MapTileCache(int capacity) => _capacity = capacity;

    public bool TryGet(TileKey key, out byte[] png)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Node.List is not null)
            {
                _recency.Remove(entry.Node);
                _recency.AddFirst(entry.Node);
            }
            png = entry.Png;
            return true;
        }

        png = Array.Empty<byte>();
        return false;
    }

    public void Set(TileKey key, byte[] png)
    {
        var entry = new Entry(key, png);
        lock (_evictionLock)
        {
            if (_entries.TryRemove(key, out var old))
            {
                _recency.Remove(old.Node);
            }

            _entries[key] = entry;
            _recency.AddFirst(entry.Node);

            while (_recency.Count > _capacity && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.TryRemove(last.Value.Key, out _);
            }
        }
    }
}

/// <summary>
/// Serves map tiles, rendering from the OCAD export on a cache miss.
/// </summary>
public sealed class TileEndpoint
{
    private readonly MapTileCache _cache;
    private readonly Func<TileKey, CancellationToken, Task<byte[]>> _render;

    public TileEndpoint(MapTileCache cache, Func<TileKey, CancellationToken, Task<byte[]>> render)
    {
        _cache = cache;
        _render = render;
    }

    public async Task<byte[]> GetTileAsync(int z, int x, int y, CancellationToken ct)
    {
        var key = new TileKey(z, x, y);
        if (_cache.TryGet(key, out var png))
        {
            return png;
        }

        png = await _render(key, ct).ConfigureAwait(false);
        _cache.Set(key, png);
        return png;
    }

    public Task WarmCourseAreaAsync(IEnumerable<TileKey> keys, CancellationToken ct) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (key, token) =>
            {
                if (!_cache.TryGet(key, out _))
                {
                    _cache.Set(key, await _render(key, token).ConfigureAwait(false));
                }
            });
}
