using System.Collections.Generic;

namespace Blind65.ShipChandlers.Catalog;

/// <summary>
/// Price and stock catalogue for the chandlery. Registered as a singleton in the
/// web host; the order endpoints and the supplier import job call into it concurrently.
/// </summary>
public sealed class ProvisionCatalog
{
    private readonly object _sync = new();
    private readonly Dictionary<string, ProvisionItem> _items = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Applies a supplier price list. Called by the nightly import and by the admin page.</summary>
    public void ApplyPriceList(IEnumerable<SupplierPrice> prices)
    {
        lock (_sync)
        {
            foreach (var price in prices)
            {
                if (_items.TryGetValue(price.Sku, out var existing))
                {
                    _items[price.Sku] = existing with { UnitPrice = price.UnitPrice };
                }
                else
                {
                    _items.Add(price.Sku, new ProvisionItem(price.Sku, price.Description, price.UnitPrice, 0));
                }
            }
            Interlocked.Increment(ref _version);
        }
    }

    public void Restock(string sku, int quantity)
    {
        lock (_sync)
        {
            if (_items.TryGetValue(sku, out var item))
            {
                _items[sku] = item with { OnHand = item.OnHand + quantity };
            }
        }
    }

    public bool TryReserve(string sku, int quantity)
    {
        lock (_sync)
        {
            if (!_items.TryGetValue(sku, out var item) || item.OnHand < quantity)
            {
                return false;
            }
            _items[sku] = item with { OnHand = item.OnHand - quantity };
            return true;
        }
    }

    /// <summary>Used by the quote endpoint to price a vessel's provisioning list.</summary>
    public decimal QuoteLine(string sku, int quantity)
    {
        if (_items.TryGetValue(sku, out var item))
        {
            return item.UnitPrice * quantity;
        }
        throw new KeyNotFoundException($"Unknown provision '{sku}'.");
    }

    public IReadOnlyList<ProvisionItem> LowStock(int threshold)
    {
        lock (_sync)
        {
            var result = new List<ProvisionItem>();
            foreach (var item in _items.Values)
            {
                if (item.OnHand < threshold)
                {
                    result.Add(item);
                }
            }
            return result;
        }
    }
}

public sealed record ProvisionItem(string Sku, string Description, decimal UnitPrice, int OnHand);

public sealed record SupplierPrice(string Sku, string Description, decimal UnitPrice);

public sealed class QuoteService
{
    private readonly ProvisionCatalog _catalog;

    public QuoteService(ProvisionCatalog catalog) => _catalog = catalog;

    public decimal Quote(IEnumerable<(string Sku, int Quantity)> lines)
    {
        decimal total = 0;
        foreach (var (sku, quantity) in lines)
        {
            total += _catalog.QuoteLine(sku, quantity);
        }
        return total;
    }
}
