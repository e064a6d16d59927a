using System.Collections.Concurrent;

namespace Blind51.TeaAuctions.Bidding;

/// <summary>
/// The bid book for one lot of tea on the auction floor.
/// </summary>
public sealed class LotBook
{
    public LotBook(int lotId, string garden, decimal reservePrice)
    {
        LotId = lotId;
        Garden = garden;
        ReservePrice = reservePrice;
    }

    public int LotId { get; }
    public string Garden { get; }
    public decimal ReservePrice { get; }
    public decimal HighestBid { get; set; }
    public string? HighestBidder { get; set; }
    public bool Closed { get; set; }
}

/// <summary>
/// Accepts bids from brokers' terminals during a live tea auction. One instance serves the
/// whole sale; every broker connection calls <see cref="PlaceBid"/> on its own thread.
/// </summary>
public sealed class AuctionFloor
{
    private readonly ConcurrentDictionary<int, LotBook> _lots = new();
    private decimal _committedTotal;

    public void OpenLot(int lotId, string garden, decimal reservePrice)
    {
        if (!_lots.TryAdd(lotId, new LotBook(lotId, garden, reservePrice)))
            throw new InvalidOperationException($"Lot {lotId} is already open.");
    }

    /// <summary>
    /// Records a bid if it beats the current highest bid on the lot. The committed total
    /// tracks the sum of the leading bids across all lots for the auctioneer's display.
    /// </summary>
    public bool PlaceBid(int lotId, string broker, decimal amount)
    {
        if (!_lots.TryGetValue(lotId, out var lot)) return false;

        lock (lot)
        {
            if (lot.Closed) return false;
            if (amount < lot.ReservePrice || amount <= lot.HighestBid) return false;

            _committedTotal += amount - lot.HighestBid;
            lot.HighestBid = amount;
            lot.HighestBidder = broker;
            return true;
        }
    }

    public (string? Winner, decimal Price) CloseLot(int lotId)
    {
        if (!_lots.TryGetValue(lotId, out var lot))
            throw new KeyNotFoundException($"Lot {lotId} was never opened.");

        lock (lot)
        {
            lot.Closed = true;
            return (lot.HighestBidder, lot.HighestBid);
        }
    }

    public IReadOnlyList<(int LotId, decimal HighestBid)> Leaderboard()
    {
        var rows = new List<(int, decimal)>();
        foreach (var lot in _lots.Values)
        {
            lock (lot)
            {
                rows.Add((lot.LotId, lot.HighestBid));
            }
        }
        rows.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        return rows;
    }

    public decimal CommittedTotal => _committedTotal;
}
