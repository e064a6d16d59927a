using System.Collections.Generic;

namespace Blind65.ShipChandlers.Chandlery;

public sealed record ChandleryItem(string Sku, string Description, decimal UnitPrice, int OnHand);

/// <summary>
/// Stock book for the harbour chandlery. Registered as a singleton; quotes are
/// read far more often than stock changes, so readers share the lock.
/// </summary>
public sealed class ChandleryStockBook : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, ChandleryItem> _items = new(StringComparer.OrdinalIgnoreCase);

    public decimal Quote(string sku, int quantity)
    {
        _lock.EnterReadLock();
        try
        {
            return _items.TryGetValue(sku, out var item)
                ? item.UnitPrice * quantity
                : throw new KeyNotFoundException(sku);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<ChandleryItem> Search(string text)
    {
        _lock.EnterReadLock();
        try
        {
            var hits = new List<ChandleryItem>();
            foreach (var item in _items.Values)
            {
                if (item.Description.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    hits.Add(item);
                }
            }
            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(ChandleryItem item)
    {
        _lock.EnterWriteLock();
        try
        {
            _items[item.Sku] = item;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool TryIssue(string sku, int quantity)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_items.TryGetValue(sku, out var item) || item.OnHand < quantity)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _items[sku] = item with { OnHand = item.OnHand - quantity };
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
