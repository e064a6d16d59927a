using System.Collections.Concurrent;

namespace Blind24.TeaAuction;

public sealed record Bid(string LotNumber, string Buyer, decimal PricePerKg, DateTimeOffset PlacedAt);

/// <summary>
/// In-memory bid book for a live tea auction. Registered as a singleton; every
/// buyer terminal's request calls <see cref="PlaceBid"/> concurrently and the
/// auctioneer's screen calls <see cref="Leading"/> continuously.
/// </summary>
public sealed class BidBook
{
    private readonly ConcurrentDictionary<string, List<Bid>> _bidsByLot = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _closedLots = new(StringComparer.Ordinal);

    public bool PlaceBid(Bid bid)
    {
        if (_closedLots.ContainsKey(bid.LotNumber))
        {
            return false;
        }

        var bids = _bidsByLot.GetOrAdd(bid.LotNumber, _ => new List<Bid>());
        bids.Add(bid);
        return true;
    }

    public Bid? Leading(string lotNumber)
    {
        if (!_bidsByLot.TryGetValue(lotNumber, out var bids))
        {
            return null;
        }

        Bid? best = null;
        foreach (var bid in bids)
        {
            if (best is null || bid.PricePerKg > best.PricePerKg)
            {
                best = bid;
            }
        }

        return best;
    }

    public void Close(string lotNumber) => _closedLots.TryAdd(lotNumber, true);
}

/// <summary>Hammer-down logic run by the auctioneer's console.</summary>
public sealed class LotCloser
{
    private readonly BidBook _book;

    public LotCloser(BidBook book) => _book = book;

    public async Task<Bid?> CloseAfterSilenceAsync(string lotNumber, TimeSpan silence, CancellationToken ct)
    {
        var last = _book.Leading(lotNumber);
        while (true)
        {
            await Task.Delay(silence, ct);
            var now = _book.Leading(lotNumber);
            if (ReferenceEquals(now, last))
            {
                _book.Close(lotNumber);
                return now;
            }

            last = now;
        }
    }
}
