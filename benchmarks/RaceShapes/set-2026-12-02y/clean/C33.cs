namespace Cartography.TileCache;

public sealed record PlateTile(string Plate, int Zoom, int X, int Y, byte[] Png);

/// <summary>
/// In-memory cache of rendered engraving-plate tiles for the map viewer. Entries
/// expire after a sliding interval and the total size is capped; a background
/// timer sweeps expired entries. Shared by every viewer request.
/// </summary>
public sealed class PlateTileCache : IDisposable
{
    private sealed class Entry
    {
        public required PlateTile Tile;
        public DateTime LastUsed;
    }

    private readonly object _gate = new();
    private readonly Dictionary<(string, int, int, int), Entry> _entries = new();
    private readonly TimeSpan _slidingExpiry;
    private readonly long _maxBytes;
    private readonly Timer _sweeper;
    private long _bytes;
    private bool _disposed;

    public PlateTileCache(TimeSpan slidingExpiry, long maxBytes)
    {
        _slidingExpiry = slidingExpiry;
        _maxBytes = maxBytes;
        _sweeper = new Timer(_ => Sweep(DateTime.UtcNow), null, slidingExpiry, slidingExpiry);
    }

    public long SizeBytes
    {
        get { lock (_gate) return _bytes; }
    }

    public bool TryGet(string plate, int zoom, int x, int y, out PlateTile tile)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((plate, zoom, x, y), out var e))
            {
                e.LastUsed = DateTime.UtcNow;
                tile = e.Tile;
                return true;
            }
        }
        tile = null!;
        return false;
    }

    public void Put(PlateTile tile)
    {
        lock (_gate)
        {
            if (_disposed) return;

            var key = (tile.Plate, tile.Zoom, tile.X, tile.Y);
            if (_entries.Remove(key, out var old))
            {
                _bytes -= old.Tile.Png.Length;
            }
            _entries[key] = new Entry { Tile = tile, LastUsed = DateTime.UtcNow };
            _bytes += tile.Png.Length;

            while (_bytes > _maxBytes && _entries.Count > 1)
            {
                var oldest = _entries.MinBy(kv => kv.Value.LastUsed);
                _entries.Remove(oldest.Key);
                _bytes -= oldest.Value.Tile.Png.Length;
            }
        }
    }

    private void Sweep(DateTime now)
    {
        lock (_gate)
        {
            if (_disposed) return;

            foreach (var key in _entries.Where(kv => now - kv.Value.LastUsed > _slidingExpiry).Select(kv => kv.Key).ToList())
            {
                _bytes -= _entries[key].Tile.Png.Length;
                _entries.Remove(key);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _entries.Clear();
            _bytes = 0;
        }
        _sweeper.Dispose();
    }
}
