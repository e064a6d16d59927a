namespace Blind51.CheeseCaves.Ripening;

/// <summary>
/// A snapshot of a wheel's ripening state. Instances are never modified after creation.
/// </summary>
public sealed record RipeningState(string WheelId, int AgeDays, double WeightKg, string Grade);

/// <summary>
/// Holds the latest ripening state for wheels being served to the cave's tasting-room
/// tablets. Bounded by capacity; the oldest inserted entry is evicted first. Shared by all
/// tablet sessions and by the overnight grading job.
/// </summary>
public sealed class RipeningStateCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RipeningState> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _insertionOrder = new();
    private readonly int _capacity;
    private long _hits;
    private long _misses;
    private long _evictions;

    public RipeningStateCache(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
    }

    public RipeningState? Get(string wheelId)
    {
        RipeningState? state;
        lock (_gate)
        {
            _entries.TryGetValue(wheelId, out state);
        }

        if (state is null)
            Interlocked.Increment(ref _misses);
        else
            Interlocked.Increment(ref _hits);

        return state;
    }

    public void Set(RipeningState state)
    {
        lock (_gate)
        {
            if (!_entries.ContainsKey(state.WheelId))
                _insertionOrder.Enqueue(state.WheelId);

            _entries[state.WheelId] = state;

            while (_entries.Count > _capacity && _insertionOrder.Count > 0)
            {
                var oldest = _insertionOrder.Dequeue();
                if (_entries.Remove(oldest))
                    Interlocked.Increment(ref _evictions);
            }
        }
    }

    public bool Remove(string wheelId)
    {
        lock (_gate)
        {
            // The id stays in the insertion queue; eviction skips ids no longer present.
            return _entries.Remove(wheelId);
        }
    }

    public (long Hits, long Misses, long Evictions) Counters() =>
        (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _evictions));
}

/// <summary>
/// Formats a tasting note from a wheel's state for the tasting-room tablets.
/// </summary>
public sealed class TastingNoteService
{
    private readonly RipeningStateCache _cache;
    private readonly Func<string, RipeningState> _loadFromCaveLog;

    public TastingNoteService(RipeningStateCache cache, Func<string, RipeningState> loadFromCaveLog)
    {
        _cache = cache;
        _loadFromCaveLog = loadFromCaveLog;
    }

    public string Describe(string wheelId)
    {
        var state = _cache.Get(wheelId);
        if (state is null)
        {
            state = _loadFromCaveLog(wheelId);
            _cache.Set(state);
        }

        return $"{state.WheelId}: {state.AgeDays} days, {state.WeightKg:F1} kg, grade {state.Grade}";
    }
}
