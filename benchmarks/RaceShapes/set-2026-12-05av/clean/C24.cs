namespace Blind48.CarpetWeavers.Patterns;

public sealed record KnotChart(string PatternId, int Width, int Height, byte[] Colors);

public interface IPatternArchive
{
    KnotChart Load(string patternId);
}

/// <summary>
/// Least-recently-used cache of decoded knot charts with an age limit. Shared
/// by all the loom terminals in the workshop, which call
/// <see cref="Get"/> from their own threads.
/// </summary>
public sealed class KnotChartCache
{
    private sealed class Entry
    {
        public Entry(string key, KnotChart chart, DateTime loadedAt)
        {
            Key = key;
            Chart = chart;
            LoadedAt = loadedAt;
        }

        public string Key { get; }
        public KnotChart Chart { get; }
        public DateTime LoadedAt { get; }
    }

    private readonly object _sync = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly IPatternArchive _archive;
    private readonly int _capacity;
    private readonly TimeSpan _maxAge;
    private int _hits;
    private int _misses;

    public KnotChartCache(IPatternArchive archive, int capacity, TimeSpan maxAge)
    {
        _archive = archive;
        _capacity = capacity;
        _maxAge = maxAge;
    }

    public KnotChart Get(string patternId)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(patternId, out var node))
            {
                if (DateTime.UtcNow - node.Value.LoadedAt < _maxAge)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    _hits++;
                    return node.Value.Chart;
                }

                _recency.Remove(node);
                _map.Remove(patternId);
            }

            _misses++;
        }

        // Decoding a chart takes a while; do it outside the lock.
        var chart = _archive.Load(patternId);

        lock (_sync)
        {
            if (_map.TryGetValue(patternId, out var existing))
            {
                return existing.Value.Chart;
            }

            var added = _recency.AddFirst(new Entry(patternId, chart, DateTime.UtcNow));
            _map[patternId] = added;

            while (_map.Count > _capacity && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _map.Remove(last.Value.Key);
            }

            return chart;
        }
    }

    public (int Hits, int Misses, int Count) Stats()
    {
        lock (_sync)
        {
            return (_hits, _misses, _map.Count);
        }
    }
}
