using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind52.Falconry.Profiles;

public sealed record BirdProfile(string RingNumber, string Species, string Name, double FlyingWeightGrams, DateOnly LastMoult);

/// <summary>
/// Small LRU cache of bird profiles for the falconry centre's weigh-in and
/// flying-display apps. Shared by all request handlers.
/// </summary>
public sealed class BirdProfileCache
{
    private sealed record Entry(string Key, BirdProfile Value);

    private readonly object _sync = new();
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<Entry>> _map;
    private readonly LinkedList<Entry> _recency = new();
    private long _hits;
    private long _misses;

    public BirdProfileCache(int capacity)
    {
        _capacity = capacity;
        _map = new Dictionary<string, LinkedListNode<Entry>>(capacity, StringComparer.OrdinalIgnoreCase);
    }

    public bool TryGet(string ringNumber, out BirdProfile? profile)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(ringNumber, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                profile = node.Value.Value;
                return true;
            }

            _misses++;
            profile = null;
            return false;
        }
    }

    public void Set(string ringNumber, BirdProfile profile)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(ringNumber, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_map.Count >= _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            var node = _recency.AddFirst(new Entry(ringNumber, profile));
            _map[ringNumber] = node;
        }
    }

    public async Task<BirdProfile> GetOrLoadAsync(string ringNumber, Func<string, Task<BirdProfile>> loader)
    {
        if (TryGet(ringNumber, out var cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await loader(ringNumber).ConfigureAwait(false);
        Set(ringNumber, loaded);
        return loaded;
    }

    public (long Hits, long Misses, int Count) Statistics
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
