namespace Blind27.Glassblowing.RecipeCache;

/// <summary>A parsed batch recipe: sand, soda ash, lime and colourant proportions.</summary>
public sealed record BatchRecipe(string Code, double SandKg, double SodaAshKg, double LimeKg, string? Colourant);

/// <summary>
/// Caches parsed glass batch recipes keyed by recipe code, evicting the least recently
/// used entries once the capacity is reached and dropping entries older than the
/// configured time-to-live. One instance is shared by all order-intake handlers in the studio.
/// </summary>
public sealed class BatchRecipeCache : IDisposable
{
    private sealed record CacheEntry(string Code, BatchRecipe Recipe, DateTime LoadedAt);

    private readonly object _gate = new();

    // Keeps two overlapping timer ticks from sweeping at the same time.
    private readonly object _sweepGate = new();

    private readonly Dictionary<string, LinkedListNode<CacheEntry>> _map = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<CacheEntry> _order = new();
    private readonly int _capacity;
    private readonly TimeSpan _ttl;
    private readonly Timer _sweeper;

    public BatchRecipeCache(int capacity, TimeSpan ttl)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
        _ttl = ttl;
        _sweeper = new Timer(_ => SweepExpired(), null, ttl, ttl);
    }

    public BatchRecipe GetOrLoad(string code, Func<string, BatchRecipe> loader)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(code, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                return hit.Value.Recipe;
            }
        }

        // Parsing the recipe sheet can take a while; do it outside the lock.
        var recipe = loader(code);

        lock (_gate)
        {
            if (_map.TryGetValue(code, out var existing))
            {
                return existing.Value.Recipe;
            }

            var node = _order.AddFirst(new CacheEntry(code, recipe, DateTime.UtcNow));
            _map[code] = node;
            if (_map.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Code);
            }
        }

        return recipe;
    }

    public void Invalidate(string code)
    {
        lock (_gate)
        {
            if (_map.Remove(code, out var node))
            {
                _order.Remove(node);
            }
        }
    }

    internal void SweepExpired()
    {
        var cutoff = DateTime.UtcNow - _ttl;
        lock (_sweepGate)
        {
            var node = _order.Last;
            while (node != null && node.Value.LoadedAt < cutoff)
            {
                var previous = node.Previous;
                _order.Remove(node);
                _map.Remove(node.Value.Code);
                node = previous;
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
