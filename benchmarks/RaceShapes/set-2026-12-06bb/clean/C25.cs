namespace Blind54.Laundromat.LoyaltyCards;

public sealed record LoyaltyCard(string CardNumber, string Holder, int Stamps);

/// <summary>
/// Keeps recently used loyalty cards in memory so that the payment terminals do not hit the
/// database for every wash. One instance per process, shared by all terminals; a read moves
/// the card to the front of the recency list.
/// </summary>
public sealed class LoyaltyCardCache
{
    private readonly object _lock = new();
    private readonly Dictionary<string, LinkedListNode<LoyaltyCard>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<LoyaltyCard> _recency = new();
    private readonly int _capacity;
    private long _hits;
    private long _misses;

    public LoyaltyCardCache(int capacity) => _capacity = capacity;

    public bool TryGet(string cardNumber, out LoyaltyCard? card)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(cardNumber, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                card = node.Value;
                return true;
            }

            _misses++;
            card = null;
            return false;
        }
    }

    public void Put(LoyaltyCard card)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(card.CardNumber, out var existing))
            {
                existing.Value = card;
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return;
            }

            _map[card.CardNumber] = _recency.AddFirst(card);
            if (_map.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _map.Remove(oldest.Value.CardNumber);
            }
        }
    }

    public (long Hits, long Misses) Stats()
    {
        lock (_lock)
        {
            return (_hits, _misses);
        }
    }
}

/// <summary>Looks up cards for the payment terminals, reading through the cache.</summary>
public sealed class LoyaltyCardLookup
{
    private readonly LoyaltyCardCache _cache;
    private readonly Func<string, Task<LoyaltyCard>> _load;

    public LoyaltyCardLookup(LoyaltyCardCache cache, Func<string, Task<LoyaltyCard>> load)
    {
        _cache = cache;
        _load = load;
    }

    public async Task<LoyaltyCard> GetAsync(string cardNumber)
    {
        if (_cache.TryGet(cardNumber, out var card))
        {
            return card!;
        }

        var loaded = await _load(cardNumber);
        _cache.Put(loaded);
        return loaded;
    }
}
