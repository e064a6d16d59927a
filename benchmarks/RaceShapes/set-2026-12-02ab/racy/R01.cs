namespace Blind28.ViolinAuction.Ledger;

public enum BidOutcome
{
    Accepted,
    TooLow,
    LotNotOpen,
}

public sealed class LotState
{
    public LotState(string lotNumber, decimal reserve)
    {
        LotNumber = lotNumber;
        Reserve = reserve;
    }

    public string LotNumber { get; }
    public decimal Reserve { get; }
    public decimal HighestBid { get; set; }
    public string? HighestPaddle { get; set; }
    public bool Closed { get; set; }
}

public sealed record LotResult(string LotNumber, decimal Hammer, string? Paddle, bool Sold);

/// <summary>
/// Records bids for the lots in the current sale. One instance is registered for the
/// whole application and every bidder connection (room, phone and online) calls into it.
/// </summary>
public sealed class AuctionLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LotState> _lots = new(StringComparer.OrdinalIgnoreCase);
    private int _acceptedBidCount;

    public void OpenLot(string lotNumber, decimal reserve)
    {
        lock (_gate)
        {
            _lots[lotNumber] = new LotState(lotNumber, reserve);
        }
    }

    public BidOutcome PlaceBid(string lotNumber, string paddle, decimal amount)
    {
        lock (_gate)
        {
            if (!_lots.TryGetValue(lotNumber, out var lot) || lot.Closed)
            {
                return BidOutcome.LotNotOpen;
            }

            if (amount <= lot.HighestBid)
            {
                return BidOutcome.TooLow;
            }

            lot.HighestBid = amount;
            lot.HighestPaddle = paddle;
        }

        // Shown on the auctioneer's screen as the running total for the session.
        _acceptedBidCount++;
        return BidOutcome.Accepted;
    }

    public LotResult CloseLot(string lotNumber)
    {
        lock (_gate)
        {
            var lot = _lots[lotNumber];
            lot.Closed = true;
            var sold = lot.HighestPaddle is not null && lot.HighestBid >= lot.Reserve;
            return new LotResult(lot.LotNumber, lot.HighestBid, lot.HighestPaddle, sold);
        }
    }

    public int AcceptedBidCount => Volatile.Read(ref _acceptedBidCount);

    public IReadOnlyList<LotResult> OpenLots()
    {
        lock (_gate)
        {
            return _lots.Values
                .Where(l => !l.Closed)
                .Select(l => new LotResult(l.LotNumber, l.HighestBid, l.HighestPaddle, false))
                .ToList();
        }
    }
}
