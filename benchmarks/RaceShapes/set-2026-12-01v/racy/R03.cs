namespace Blind22.RareBooks.Auction;

public sealed class AuctionLot
{
    public AuctionLot(int lotNumber, string title, decimal reserve)
    {
        LotNumber = lotNumber;
        Title = title;
        Reserve = reserve;
    }

    public int LotNumber { get; }
    public string Title { get; }
    public decimal Reserve { get; }
    public decimal HighBid { get; set; }
    public string? HighBidder { get; set; }
    public bool Closed { get; set; }
}

/// <summary>
/// Runs a live sale room. Phone, online and floor bids arrive on separate connection
/// threads; the auctioneer's console closes lots when the hammer falls.
/// </summary>
public sealed class SaleRoom
{
    private readonly Dictionary<int, AuctionLot> _lots;
    private readonly object _roomLock = new();
    private readonly List<string> _hammerLog = new();

    public SaleRoom(IEnumerable<AuctionLot> catalogue)
    {
        _lots = catalogue.ToDictionary(l => l.LotNumber);
    }

    public bool PlaceBid(int lotNumber, string bidder, decimal amount)
    {
        var lot = _lots[lotNumber];
        Monitor.Enter(lot);
        try
        {
            if (lot.Closed || amount <= lot.HighBid)
            {
                return false;
            }
            lot.HighBid = amount;
            lot.HighBidder = bidder;
            return true;
        }
        finally
        {
            Monitor.Exit(lot);
        }
    }

    public void WithdrawBid(int lotNumber, string bidder)
    {
        // Used when a phone bidder's credit check fails after the bid was taken.
        lock (_roomLock)
        {
            var lot = _lots[lotNumber];
            if (!lot.Closed && lot.HighBidder == bidder)
            {
                lot.HighBid = 0;
                lot.HighBidder = null;
            }
        }
    }

    public string Hammer(int lotNumber)
    {
        var lot = _lots[lotNumber];
        string line;
        lock (lot)
        {
            lot.Closed = true;
            line = lot.HighBid >= lot.Reserve
                ? $"Lot {lot.LotNumber} '{lot.Title}' sold to {lot.HighBidder} for {lot.HighBid:C}"
                : $"Lot {lot.LotNumber} '{lot.Title}' passed at {lot.HighBid:C}";
        }
        lock (_roomLock)
        {
            _hammerLog.Add(line);
        }
        return line;
    }

    public IReadOnlyList<string> HammerLog()
    {
        lock (_roomLock)
        {
            return _hammerLog.ToArray();
        }
    }
}
