using System.Collections.Immutable;

namespace Blind38.Mosaic.Palette;

public readonly record struct TesseraColour(byte R, byte G, byte B, string Material);

/// <summary>
/// Cache of the closest available tessera for a requested RGB colour. Shared by every
/// render worker in the studio's cartoon-to-mosaic converter.
/// </summary>
public sealed class TesseraMatchCache
{
    private readonly IReadOnlyList<TesseraColour> _stock;
    private ImmutableDictionary<int, TesseraColour> _matches = ImmutableDictionary<int, TesseraColour>.Empty;
    private long _misses;

    public TesseraMatchCache(IReadOnlyList<TesseraColour> stock)
    {
        if (stock.Count == 0)
        {
            throw new ArgumentException("Stock must not be empty.", nameof(stock));
        }

        _stock = stock;
    }

    public long Misses => Interlocked.Read(ref _misses);

    public int Count => Volatile.Read(ref _matches).Count;

    public TesseraColour Match(byte r, byte g, byte b)
    {
        var key = (r << 16) | (g << 8) | b;
        if (Volatile.Read(ref _matches).TryGetValue(key, out var cached))
        {
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var best = FindNearest(r, g, b);

        while (true)
        {
            var current = Volatile.Read(ref _matches);
            if (current.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var updated = current.SetItem(key, best);
            if (Interlocked.CompareExchange(ref _matches, updated, current) == current)
            {
                return best;
            }
        }
    }

    public void Clear() => Interlocked.Exchange(ref _matches, ImmutableDictionary<int, TesseraColour>.Empty);

    private TesseraColour FindNearest(byte r, byte g, byte b)
    {
        var best = _stock[0];
        var bestDistance = int.MaxValue;
        foreach (var candidate in _stock)
        {
            var dr = candidate.R - r;
            var dg = candidate.G - g;
            var db = candidate.B - b;
            // Weighted toward green, where the eye is most sensitive.
            var distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best;
    }
}
