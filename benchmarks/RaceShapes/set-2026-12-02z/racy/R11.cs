namespace Blind26.BellFoundry.Storage;

public sealed record MoldPage(long PageNo, byte[] Data);

/// <summary>
/// LRU cache of mold-pattern pages read from the foundry's embedded pattern store.
/// All casting-line workers share one cache instance; a maintenance timer trims it
/// back when the furnace schedule goes idle.
/// </summary>
public sealed class MoldPageCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<long, LinkedListNode<MoldPage>> _map = new();
    private readonly LinkedList<MoldPage> _lru = new();
    private readonly int _capacity;
    private readonly Timer _trimTimer;

    public MoldPageCache(int capacity, TimeSpan trimPeriod)
    {
        _capacity = capacity;
        _trimTimer = new Timer(OnTrimTimer, null, trimPeriod, trimPeriod);
    }

    public byte[]? TryGet(long pageNo)
    {
        lock (_gate)
        {
            if (!_map.TryGetValue(pageNo, out var node))
            {
                return null;
            }

            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.Data;
        }
    }

    public void Put(long pageNo, byte[] data)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(pageNo, out var existing))
            {
                _lru.Remove(existing);
                _map.Remove(pageNo);
            }

            var node = _lru.AddFirst(new MoldPage(pageNo, data));
            _map[pageNo] = node;
            TrimCore(_capacity);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    private void OnTrimTimer(object? state)
    {
        TrimCore(_capacity * 3 / 4);
    }

    /// <summary>Evicts least recently used pages until at most <paramref name="target"/> remain.</summary>
    private void TrimCore(int target)
    {
        while (_lru.Count > target)
        {
            var last = _lru.Last!;
            _lru.RemoveLast();
            _map.Remove(last.Value.PageNo);
        }
    }

    public void Dispose() => _trimTimer.Dispose();
}
