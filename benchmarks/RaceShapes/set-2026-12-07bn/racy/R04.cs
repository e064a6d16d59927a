using System.Collections.Concurrent;

namespace Blind66.OrchidAuction.Floor;

public sealed class Lot
{
    public Lot(string id, string variety, decimal reserve)
    {
        Id = id;
        Variety = variety;
        Reserve = reserve;
        HighestBid = reserve;
    }

    public string Id { get; }
    public string Variety { get; }
    public decimal Reserve { get; }
    public decimal HighestBid { get; set; }
    public string? HighestBidder { get; set; }
    public object Sync { get; } = new();
}

public sealed record BidResult(bool Accepted, decimal CurrentHighest);

/// <summary>
/// The live auction floor. One instance per auction day, shared by every bidder's
/// WebSocket connection; bids for different lots arrive in parallel.
/// </summary>
public sealed class AuctionFloor
{
    private static readonly decimal MinimumIncrement = 0.50m;
    private readonly ConcurrentDictionary<string, Lot> _lots = new(StringComparer.Ordinal);
    private decimal _committedTurnover;

    public void Open(IEnumerable<Lot> lots)
    {
        foreach (var lot in lots)
        {
            _lots.TryAdd(lot.Id, lot);
        }
    }

    public BidResult PlaceBid(string lotId, string bidder, decimal amount)
    {
        if (!_lots.TryGetValue(lotId, out var lot))
        {
            return new BidResult(false, 0m);
        }

        lock (lot.Sync)
        {
            if (amount < lot.HighestBid + MinimumIncrement)
            {
                return new BidResult(false, lot.HighestBid);
            }

            var previous = lot.HighestBidder is null ? 0m : lot.HighestBid;
            lot.HighestBid = amount;
            lot.HighestBidder = bidder;
            _committedTurnover += amount - previous;
            return new BidResult(true, amount);
        }
    }

    /// <summary>Shown on the auctioneer's dashboard.</summary>
    public decimal CommittedTurnover()
    {
        lock (_lots)
        {
            return _committedTurnover;
        }
    }

    public (string? Bidder, decimal Amount) Leader(string lotId)
    {
        if (!_lots.TryGetValue(lotId, out var lot))
        {
            return (null, 0m);
        }

        lock (lot.Sync)
        {
            return (lot.HighestBidder, lot.HighestBid);
        }
    }
}
