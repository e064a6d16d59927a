using System.Collections.Concurrent;

namespace Blind24.MosaicTiles;

public sealed record TileBatch(string Colour, string Material, int Count, string Supplier);

/// <summary>
/// Tile stock for a mosaic studio, grouped by colour. Registered as a singleton:
/// the goods-in terminal and every artist's workstation call it concurrently. Each
/// colour's batch list is guarded by locking that list.
/// </summary>
public sealed class TileStock
{
    private readonly ConcurrentDictionary<string, List<TileBatch>> _byColour = new(StringComparer.OrdinalIgnoreCase);

    public void Receive(TileBatch batch)
    {
        var batches = _byColour.GetOrAdd(batch.Colour, _ => new List<TileBatch>());
        lock (batches)
        {
            batches.Add(batch);
        }
    }

    public int Available(string colour)
    {
        if (!_byColour.TryGetValue(colour, out var batches))
        {
            return 0;
        }

        lock (batches)
        {
            return batches.Sum(b => b.Count);
        }
    }

    /// <summary>Takes tiles from the oldest batches first.</summary>
    public bool TryTake(string colour, int count)
    {
        if (!_byColour.TryGetValue(colour, out var batches))
        {
            return false;
        }

        lock (batches)
        {
            if (batches.Sum(b => b.Count) < count)
            {
                return false;
            }

            int remaining = count;
            while (remaining > 0)
            {
                var first = batches[0];
                if (first.Count <= remaining)
                {
                    remaining -= first.Count;
                    batches.RemoveAt(0);
                }
                else
                {
                    batches[0] = first with { Count = first.Count - remaining };
                    remaining = 0;
                }
            }

            return true;
        }
    }

    public IReadOnlyDictionary<string, int> Totals()
    {
        var totals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (colour, batches) in _byColour)
        {
            lock (batches)
            {
                totals[colour] = batches.Sum(b => b.Count);
            }
        }

        return totals;
    }
}
