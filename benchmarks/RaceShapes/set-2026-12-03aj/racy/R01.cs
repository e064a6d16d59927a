namespace Blind36.StampAuction.LiveLots;

public enum BidOutcome { Accepted, TooLow, LotClosed, UnknownLot }

public sealed class LotState
{
    public LotState(string description, decimal reserve)
    {
        Description = description;
        Reserve = reserve;
    }

    public string Description { get; }
    public decimal Reserve { get; }
    public decimal HighBid { get; set; }
    public string? HighBidder { get; set; }
    public int BidCount { get; set; }
    public bool Closed { get; set; }
}

public sealed record HammerResult(string LotNumber, string? Buyer, decimal Price, bool Sold);

/// <summary>
/// Holds the live lots for a philatelic sale. Registered as a singleton; the bidding
/// API, the room clerk's console and the auctioneer's hammer all call into it at once.
/// </summary>
public sealed class LotBook
{
    private readonly object _sync = new();
    private readonly Dictionary<string, LotState> _lots = new(StringComparer.OrdinalIgnoreCase);

    public void OpenLot(string lotNumber, string description, decimal reserve)
    {
        lock (_sync)
        {
            _lots[lotNumber] = new LotState(description, reserve);
        }
    }

    public BidOutcome PlaceBid(string lotNumber, string bidder, decimal amount)
    {
        lock (_sync)
        {
            if (!_lots.TryGetValue(lotNumber, out var lot))
                return BidOutcome.UnknownLot;
            if (lot.Closed)
                return BidOutcome.LotClosed;
            if (amount <= lot.HighBid)
                return BidOutcome.TooLow;

            lot.HighBid = amount;
            lot.HighBidder = bidder;
            lot.BidCount++;
            return BidOutcome.Accepted;
        }
    }

    public HammerResult Hammer(string lotNumber)
    {
        lock (_sync)
        {
            if (!_lots.TryGetValue(lotNumber, out var lot))
                throw new KeyNotFoundException($"Lot {lotNumber} is not on the book.");

            lot.Closed = true;
            bool sold = lot.HighBidder is not null && lot.HighBid >= lot.Reserve;
            return new HammerResult(lotNumber, sold ? lot.HighBidder : null, lot.HighBid, sold);
        }
    }

    /// <summary>Used by the clerk when a consignor pulls a lot from the sale.</summary>
    public bool WithdrawLot(string lotNumber)
    {
        lock (this)
        {
            return _lots.Remove(lotNumber);
        }
    }

    public IReadOnlyList<string> OpenLotNumbers()
    {
        lock (_sync)
        {
            return _lots.Where(p => !p.Value.Closed)
                        .Select(p => p.Key)
                        .OrderBy(k => k, StringComparer.Ordinal)
                        .ToList();
        }
    }
}

/// <summary>Relays bids arriving from the online room to the lot book.</summary>
public sealed class OnlineBidRelay
{
    private readonly LotBook _book;

    public OnlineBidRelay(LotBook book) => _book = book;

    public Task<BidOutcome> SubmitAsync(string lot, string paddle, decimal amount) =>
        Task.Run(() => _book.PlaceBid(lot, paddle, amount));
}
