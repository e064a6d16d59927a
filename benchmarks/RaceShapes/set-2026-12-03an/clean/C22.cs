namespace Blind40.Saddlers.Fitting;

public sealed record TreeFitting(string HorseId, string TreeSize, double GulletCm, double PanelAngleDeg);

/// <summary>
/// Least-recently-used cache of saddle-tree fittings, keyed by horse. Registered
/// as an app-wide singleton in the fitting service; public members are called
/// concurrently by request handlers.
/// </summary>
public sealed class FittingLruCache
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<TreeFitting>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<TreeFitting> _order = new();
    private long _hits;
    private long _misses;

    public FittingLruCache(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
    }

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    public bool TryGet(string horseId, out TreeFitting? fitting)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(horseId, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                fitting = node.Value;
                Interlocked.Increment(ref _hits);
                return true;
            }
        }

        Interlocked.Increment(ref _misses);
        fitting = null;
        return false;
    }

    public void Put(TreeFitting fitting)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(fitting.HorseId, out var existing))
            {
                existing.Value = fitting;
                _order.Remove(existing);
                _order.AddFirst(existing);
                return;
            }

            var node = _order.AddFirst(fitting);
            _index[fitting.HorseId] = node;

            if (_index.Count > _capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _index.Remove(oldest.Value.HorseId);
            }
        }
    }

    public async Task<TreeFitting> GetOrMeasureAsync(string horseId, Func<string, Task<TreeFitting>> measure)
    {
        if (TryGet(horseId, out var cached))
        {
            return cached!;
        }

        var measured = await measure(horseId).ConfigureAwait(false);
        Put(measured);
        return measured;
    }

    public IReadOnlyList<TreeFitting> MostRecent(int count)
    {
        lock (_lock)
        {
            return _order.Take(count).ToList();
        }
    }
}
