namespace Blind29.Beekeeping.Auctions;

public sealed record Bid(string Bidder, decimal Amount, DateTimeOffset PlacedAt);

/// <summary>
/// A single lot (nucleus colony, mated queen, box of drawn frames) in a live bee auction.
/// One instance is shared by every bidder connection in the auction room and by the
/// auctioneer console, so its members are called from many request threads at once.
/// </summary>
public sealed class AuctionLot
{
    private readonly object _sync = new();
    private readonly List<Bid> _history = new();
    private readonly decimal _reserve;
    private decimal _highBid;
    private string? _highBidder;
    private bool _closed;

    public AuctionLot(string lotNumber, decimal reserve)
    {
        LotNumber = lotNumber;
        _reserve = reserve;
        _highBid = reserve;
    }

    public string LotNumber { get; }

    public bool TryPlaceBid(string bidder, decimal amount)
    {
        lock (_sync)
        {
            if (_closed || amount <= _highBid)
            {
                return false;
            }

            _highBid = amount;
            _highBidder = bidder;
            _history.Add(new Bid(bidder, amount, DateTimeOffset.UtcNow));
            return true;
        }
    }

    /// <summary>
    /// Withdraws the bidder's most recent bid if it is still the leading one and
    /// restores the previous leading bid (or the reserve).
    /// </summary>
    public void RetractLastBid(string bidder)
    {
        Bid? previous;
        lock (_sync)
        {
            if (_closed || _history.Count == 0 || _history[^1].Bidder != bidder)
            {
                return;
            }

            _history.RemoveAt(_history.Count - 1);
            previous = _history.Count > 0 ? _history[^1] : null;
        }

        _highBid = previous?.Amount ?? _reserve;
        _highBidder = previous?.Bidder;
    }

    public (string? Bidder, decimal Amount) CurrentLeader()
    {
        lock (_sync)
        {
            return (_highBidder, _highBid);
        }
    }

    public (string? Winner, decimal Price, int BidCount) Close()
    {
        lock (_sync)
        {
            _closed = true;
            return (_highBidder, _highBid, _history.Count);
        }
    }
}

public sealed class AuctionRoom
{
    private readonly Dictionary<string, AuctionLot> _lots;

    public AuctionRoom(IEnumerable<AuctionLot> lots) =>
        _lots = lots.ToDictionary(l => l.LotNumber);

    public bool Bid(string lot, string bidder, decimal amount) =>
        _lots.TryGetValue(lot, out var l) && l.TryPlaceBid(bidder, amount);

    public void Retract(string lot, string bidder)
    {
        if (_lots.TryGetValue(lot, out var l))
        {
            l.RetractLastBid(bidder);
        }
    }
}
