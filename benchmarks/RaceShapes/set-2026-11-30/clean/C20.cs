namespace Blind.C20;

/// <summary>
/// Fixed-size least-recently-used cache for rendered templates. One instance is
/// shared by all request handlers.
/// </summary>
public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map;
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();
    private readonly object _sync = new();
    private long _hits;
    private long _misses;

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _map = new Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>>(capacity, comparer);
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                _hits++;
                value = node.Value.Value;
                return true;
            }

            _misses++;
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
                _map.Remove(key);
            }
            else if (_map.Count >= _capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            _map[key] = _order.AddFirst((key, value));
        }
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        if (TryGet(key, out var value))
        {
            return value;
        }

        value = factory(key);
        Set(key, value);
        return value;
    }

    public (long Hits, long Misses, int Count) Stats
    {
        get
        {
            lock (_sync)
            {
                return (_hits, _misses, _map.Count);
            }
        }
    }
}

public static class TemplateRenderer
{
    public static string[] RenderAll(LruCache<string, string> cache, IReadOnlyList<string> templateNames)
    {
        var output = new string[templateNames.Count];
        Parallel.For(0, templateNames.Count, i =>
            output[i] = cache.GetOrAdd(templateNames[i], name => $"<rendered:{name.ToUpperInvariant()}>"));
        return output;
    }
}
