namespace Blind57.Falconry.Records;

public sealed record BirdRecord(string RingNumber, string Species, string Name, double WeightGrams, DateOnly LastVetCheck);

/// <summary>
/// Least-recently-used cache of bird health records for the falconry centre's flying-display app.
/// One instance is shared by the handlers of the keepers' tablets.
/// </summary>
public sealed class BirdRecordCache
{
    private readonly int _capacity;
    private readonly object _sync = new();
    private readonly Dictionary<string, LinkedListNode<BirdRecord>> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<BirdRecord> _order = new();

    public BirdRecordCache(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
    }

    /// <summary>Raised after a record has been pushed out of the cache.</summary>
    public event Action<BirdRecord>? Evicted;

    public bool TryGet(string ringNumber, out BirdRecord? record)
    {
        lock (_sync)
        {
            if (!_index.TryGetValue(ringNumber, out var node))
            {
                record = null;
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            record = node.Value;
            return true;
        }
    }

    public void Set(BirdRecord record)
    {
        BirdRecord? evicted = null;
        lock (_sync)
        {
            if (_index.TryGetValue(record.RingNumber, out var existing))
            {
                _order.Remove(existing);
                existing.Value = record;
                _order.AddFirst(existing);
                return;
            }

            _index[record.RingNumber] = _order.AddFirst(record);
            if (_index.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.RingNumber);
                evicted = last.Value;
            }
        }

        if (evicted is not null)
        {
            Volatile.Read(ref Evicted)?.Invoke(evicted);
        }
    }

    public bool Remove(string ringNumber)
    {
        lock (_sync)
        {
            if (!_index.Remove(ringNumber, out var node)) return false;
            _order.Remove(node);
            return true;
        }
    }

    public int Count
    {
        get { lock (_sync) return _index.Count; }
    }
}

/// <summary>Looks up birds for the weigh-in screen, falling back to the records database.</summary>
public sealed class WeighInService
{
    private readonly BirdRecordCache _cache;
    private readonly Func<string, CancellationToken, Task<BirdRecord?>> _load;

    public WeighInService(BirdRecordCache cache, Func<string, CancellationToken, Task<BirdRecord?>> load)
    {
        _cache = cache;
        _load = load;
    }

    public async Task<BirdRecord?> GetAsync(string ringNumber, CancellationToken ct)
    {
        if (_cache.TryGet(ringNumber, out var cached)) return cached;
        var loaded = await _load(ringNumber, ct);
        if (loaded is not null) _cache.Set(loaded);
        return loaded;
    }

    public void RecordWeight(BirdRecord bird, double grams) => _cache.Set(bird with { WeightGrams = grams });
}
