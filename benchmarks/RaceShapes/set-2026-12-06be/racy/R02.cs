namespace Blind57.OrchidNursery.Catalogue;

public sealed class PlantImage
{
    public PlantImage(string sku, byte[] jpeg)
    {
        Sku = sku;
        Jpeg = jpeg;
    }

    public string Sku { get; }
    public byte[] Jpeg { get; set; }
}

/// <summary>
/// Keeps the most recently viewed orchid photos in memory for the online shop.
/// One instance is shared by every request handled by the catalogue API.
/// </summary>
public sealed class PlantImageCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<PlantImage>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<PlantImage> _recency = new();

    public PlantImageCache(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
    }

    public bool TryGet(string sku, out byte[] jpeg)
    {
        LinkedListNode<PlantImage>? node;
        byte[] found;
        lock (_map)
        {
            if (!_map.TryGetValue(sku, out node))
            {
                jpeg = Array.Empty<byte>();
                return false;
            }
            found = node.Value.Jpeg;
        }

        // Move the entry to the front so it survives the next eviction.
        lock (_recency)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }

        jpeg = found;
        return true;
    }

    public void Put(string sku, byte[] jpeg)
    {
        lock (_map)
        {
            if (_map.TryGetValue(sku, out var existing))
            {
                existing.Value.Jpeg = jpeg;
                return;
            }

            var node = _recency.AddFirst(new PlantImage(sku, jpeg));
            _map[sku] = node;

            if (_map.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _map.Remove(oldest.Value.Sku);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_map)
            {
                return _map.Count;
            }
        }
    }
}

/// <summary>Serves product photos, loading from blob storage on a miss.</summary>
public sealed class PlantPhotoService
{
    private readonly PlantImageCache _cache;
    private readonly Func<string, CancellationToken, Task<byte[]>> _loadFromStorage;

    public PlantPhotoService(PlantImageCache cache, Func<string, CancellationToken, Task<byte[]>> loadFromStorage)
    {
        _cache = cache;
        _loadFromStorage = loadFromStorage;
    }

    public async Task<byte[]> GetPhotoAsync(string sku, CancellationToken ct)
    {
        if (_cache.TryGet(sku, out var cached))
        {
            return cached;
        }

        var loaded = await _loadFromStorage(sku, ct);
        _cache.Put(sku, loaded);
        return loaded;
    }
}
