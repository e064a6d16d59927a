namespace Blind27.Glassblowing.KilnSchedules;

public sealed record AnnealingSchedule(string GlassType, double SoakCelsius, TimeSpan Soak, double CoolRatePerHour);

/// <summary>
/// Memoizes annealing schedules computed from the glass type and wall thickness, with
/// least-recently-used eviction and a periodic sweep of stale entries. Shared by the
/// studio's scheduling API and the gaffer tablets.
/// </summary>
public sealed class AnnealingScheduleCache : IDisposable
{
    private sealed class Entry
    {
        public Entry(string key, AnnealingSchedule value, DateTime storedAt)
        {
            Key = key;
            Value = value;
            StoredAt = storedAt;
        }

        public string Key { get; }
        public AnnealingSchedule Value { get; }
        public DateTime StoredAt { get; }
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new();
    private readonly LinkedList<Entry> _recency = new();
    private readonly int _capacity;
    private readonly TimeSpan _maxAge;
    private readonly Timer _sweepTimer;
    private int _sweeping;

    public AnnealingScheduleCache(int capacity, TimeSpan maxAge)
    {
        _capacity = capacity;
        _maxAge = maxAge;
        _sweepTimer = new Timer(_ => Sweep(), null, maxAge, maxAge);
    }

    public AnnealingSchedule GetOrCompute(string glassType, double wallMillimetres, Func<string, double, AnnealingSchedule> compute)
    {
        var key = glassType + "|" + wallMillimetres.ToString("F1");
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Value;
            }
        }

        var computed = compute(glassType, wallMillimetres);

        lock (_gate)
        {
            if (_index.TryGetValue(key, out var raced))
            {
                return raced.Value.Value;
            }

            _index[key] = _recency.AddFirst(new Entry(key, computed, DateTime.UtcNow));
            while (_index.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _index.Remove(oldest.Value.Key);
            }
        }

        return computed;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    internal void Sweep()
    {
        // Skip this tick if the previous sweep has not finished.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var cutoff = DateTime.UtcNow - _maxAge;
            lock (_gate)
            {
                var node = _recency.Last;
                while (node is not null && node.Value.StoredAt < cutoff)
                {
                    var previous = node.Previous;
                    _recency.Remove(node);
                    _index.Remove(node.Value.Key);
                    node = previous;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
