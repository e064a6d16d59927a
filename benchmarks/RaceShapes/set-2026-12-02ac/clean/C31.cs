using System.Collections.Immutable;

namespace Blind29.BakeryChain.Menu;

public sealed record MenuItem(string Sku, string Name, decimal Price, bool ContainsNuts);

/// <summary>
/// Current menu for every shop's tills. Head office edits it a few times a day;
/// the tills read it on every sale.
/// </summary>
public sealed class MenuBoard
{
    private readonly object _writeLock = new();
    private ImmutableList<MenuItem> _items = ImmutableList<MenuItem>.Empty;
    private int _version;

    public ImmutableList<MenuItem> Items => Volatile.Read(ref _items);

    public int Version => Volatile.Read(ref _version);

    public void Upsert(MenuItem item)
    {
        lock (_writeLock)
        {
            var items = _items;
            var index = items.FindIndex(i => i.Sku == item.Sku);
            var updated = index >= 0 ? items.SetItem(index, item) : items.Add(item);
            Volatile.Write(ref _items, updated);
            Volatile.Write(ref _version, _version + 1);
        }
    }

    public bool Withdraw(string sku)
    {
        lock (_writeLock)
        {
            var items = _items;
            var index = items.FindIndex(i => i.Sku == sku);
            if (index < 0)
            {
                return false;
            }

            Volatile.Write(ref _items, items.RemoveAt(index));
            Volatile.Write(ref _version, _version + 1);
            return true;
        }
    }

    public void ApplyPriceRise(decimal percent)
    {
        lock (_writeLock)
        {
            var factor = 1 + percent / 100m;
            var updated = _items.Select(i => i with { Price = Math.Round(i.Price * factor, 2) }).ToImmutableList();
            Volatile.Write(ref _items, updated);
            Volatile.Write(ref _version, _version + 1);
        }
    }
}

public sealed class Till
{
    private readonly MenuBoard _menu;

    public Till(MenuBoard menu) => _menu = menu;

    public decimal Ring(IEnumerable<string> skus)
    {
        var items = _menu.Items;
        decimal total = 0;
        foreach (var sku in skus)
        {
            var item = items.Find(i => i.Sku == sku);
            if (item is not null)
            {
                total += item.Price;
            }
        }

        return total;
    }
}
