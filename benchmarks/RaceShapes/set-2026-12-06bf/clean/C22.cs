using System.Collections.Concurrent;

namespace Blind58.DiveShopCarts;

public sealed record CartLine(string Sku, string Description, int Quantity, decimal UnitPrice);

/// <summary>A customer's basket of dive courses, fills and kit hire.</summary>
public sealed class DiveCart
{
    private readonly object _sync = new();
    private readonly Dictionary<string, CartLine> _lines = new(StringComparer.Ordinal);
    private DateTimeOffset _lastTouched = DateTimeOffset.UtcNow;

    public void Add(string sku, string description, int quantity, decimal unitPrice)
    {
        lock (_sync)
        {
            _lines[sku] = _lines.TryGetValue(sku, out var existing)
                ? existing with { Quantity = existing.Quantity + quantity }
                : new CartLine(sku, description, quantity, unitPrice);
            _lastTouched = DateTimeOffset.UtcNow;
        }
    }

    public bool Remove(string sku)
    {
        lock (_sync)
        {
            _lastTouched = DateTimeOffset.UtcNow;
            return _lines.Remove(sku);
        }
    }

    public (IReadOnlyList<CartLine> Lines, DateTimeOffset LastTouched) Snapshot()
    {
        lock (_sync)
        {
            return (_lines.Values.ToList(), _lastTouched);
        }
    }
}

/// <summary>
/// Shopping-cart sessions for the dive shop's website. A customer may have the site open
/// in several tabs, so cart operations for the same session can arrive concurrently.
/// </summary>
public sealed class CartSessionStore
{
    private readonly ConcurrentDictionary<string, DiveCart> _carts = new(StringComparer.Ordinal);

    public DiveCart For(string sessionId) => _carts.GetOrAdd(sessionId, static _ => new DiveCart());

    public decimal Total(string sessionId) =>
        _carts.TryGetValue(sessionId, out var cart)
            ? cart.Snapshot().Lines.Sum(l => l.Quantity * l.UnitPrice)
            : 0m;

    public int EvictIdle(TimeSpan idleFor)
    {
        var cutoff = DateTimeOffset.UtcNow - idleFor;
        int evicted = 0;
        foreach (var pair in _carts)
        {
            if (pair.Value.Snapshot().LastTouched < cutoff && _carts.TryRemove(pair)) evicted++;
        }

        return evicted;
    }

    /// <summary>Shop manager's dashboard: value of all open baskets by SKU.</summary>
    public IReadOnlyList<(string Sku, decimal Value)> OpenBasketValueBySku() =>
        _carts.Values
            .AsParallel()
            .SelectMany(cart => cart.Snapshot().Lines)
            .GroupBy(line => line.Sku)
            .Select(g => (g.Key, g.Sum(l => l.Quantity * l.UnitPrice)))
            .OrderByDescending(x => x.Item2)
            .ToList();
}
