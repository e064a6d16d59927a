namespace Blind51.CheeseCaves.Inspection;

/// <summary>
/// An inspection record for a single wheel resting on a cave shelf.
/// </summary>
public sealed record InspectionRecord(string WheelId, string Shelf, double RindMoisture, DateTimeOffset InspectedAt);

/// <summary>
/// Hit and miss figures shown on the affineur's dashboard.
/// </summary>
public readonly record struct CacheStatistics(long Hits, long Misses, int Count);

/// <summary>
/// Keeps the most recently requested wheel inspection records in memory, bounded by a
/// maximum entry count with least-recently-used eviction. Registered as an app-wide
/// singleton; the inspection API, the humidity dashboard and the turning-robot scheduler
/// all call its members concurrently.
/// </summary>
public sealed class WheelInspectionCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<InspectionRecord>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<InspectionRecord> _recency = new();
    private readonly int _capacity;
    private long _hits;
    private long _misses;

    public WheelInspectionCache(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
    }

    public bool TryGet(string wheelId, out InspectionRecord? record)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(wheelId, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                record = node.Value;
                return true;
            }
        }

        _misses++;
        record = null;
        return false;
    }

    public void Put(InspectionRecord record)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(record.WheelId, out var existing))
            {
                existing.Value = record;
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return;
            }

            var node = _recency.AddFirst(record);
            _map[record.WheelId] = node;

            while (_map.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _map.Remove(oldest.Value.WheelId);
            }
        }
    }

    public bool Invalidate(string wheelId)
    {
        lock (_gate)
        {
            if (!_map.Remove(wheelId, out var node)) return false;
            _recency.Remove(node);
            return true;
        }
    }

    public CacheStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new CacheStatistics(_hits, _misses, _map.Count);
        }
    }
}

/// <summary>
/// Loads inspection records, going to the cave log store only when the cache misses.
/// </summary>
public sealed class InspectionLookup
{
    private readonly WheelInspectionCache _cache;
    private readonly Func<string, InspectionRecord?> _loadFromStore;

    public InspectionLookup(WheelInspectionCache cache, Func<string, InspectionRecord?> loadFromStore)
    {
        _cache = cache;
        _loadFromStore = loadFromStore;
    }

    public InspectionRecord? Find(string wheelId)
    {
        if (_cache.TryGet(wheelId, out var cached)) return cached;

        var loaded = _loadFromStore(wheelId);
        if (loaded is not null) _cache.Put(loaded);
        return loaded;
    }
}
