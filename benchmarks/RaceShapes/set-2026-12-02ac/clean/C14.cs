using System.Collections.Concurrent;

namespace Blind29.CanoeRentals.Equipment;

public sealed record KitItem(string Kind, string Size);

/// <summary>
/// Buoyancy aid and paddle stock at the rental hut. The booking site and the
/// hut's till both take and return kit at the same time.
/// </summary>
public sealed class KitStock
{
    private readonly ConcurrentDictionary<KitItem, int> _onShelf = new();
    private readonly ConcurrentDictionary<string, KitItem[]> _issued = new();

    public void Restock(KitItem item, int count) =>
        _onShelf.AddOrUpdate(item, count, (_, existing) => existing + count);

    public bool TryIssue(string bookingRef, IReadOnlyList<KitItem> items)
    {
        var taken = new List<KitItem>();
        foreach (var item in items)
        {
            if (!TryTakeOne(item))
            {
                foreach (var back in taken)
                {
                    Restock(back, 1);
                }

                return false;
            }

            taken.Add(item);
        }

        if (!_issued.TryAdd(bookingRef, taken.ToArray()))
        {
            foreach (var back in taken)
            {
                Restock(back, 1);
            }

            return false;
        }

        return true;
    }

    public void ReturnKit(string bookingRef)
    {
        if (_issued.TryRemove(bookingRef, out var items))
        {
            foreach (var item in items)
            {
                Restock(item, 1);
            }
        }
    }

    public int Available(KitItem item) => _onShelf.TryGetValue(item, out var n) ? n : 0;

    private bool TryTakeOne(KitItem item)
    {
        while (true)
        {
            if (!_onShelf.TryGetValue(item, out var current) || current == 0)
            {
                return false;
            }

            if (_onShelf.TryUpdate(item, current - 1, current))
            {
                return true;
            }
        }
    }
}
