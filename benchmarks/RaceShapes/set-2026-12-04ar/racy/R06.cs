namespace Blind44.StampAuctions.Lots;

public sealed record Bid(string BidderId, decimal Amount, DateTimeOffset PlacedAt);

/// <summary>
/// A stamp lot open for bidding. Bids arrive from the web, the phone desk and absentee
/// bid agents at the same time; the lot page polls for the history.
/// </summary>
public sealed class AuctionLot
{
    private readonly object _gate = new();
    private readonly List<Bid> _bids = new();
    private decimal _reserve;

    public AuctionLot(string lotNumber, string description, decimal reserve)
    {
        LotNumber = lotNumber;
        Description = description;
        _reserve = reserve;
    }

    public string LotNumber { get; }
    public string Description { get; }

    /// <summary>Bid history, oldest first.</summary>
    public IReadOnlyList<Bid> Bids => _bids;

    public bool TryPlaceBid(Bid bid, decimal increment)
    {
        lock (_gate)
        {
            var current = _bids.Count == 0 ? _reserve - increment : _bids[^1].Amount;
            if (bid.Amount < current + increment)
                return false;
            _bids.Add(bid);
            return true;
        }
    }

    public Bid? Leading
    {
        get { lock (_gate) return _bids.Count == 0 ? null : _bids[^1]; }
    }

    public void LowerReserve(decimal newReserve)
    {
        lock (_gate)
        {
            if (_bids.Count == 0 && newReserve < _reserve)
                _reserve = newReserve;
        }
    }
}

/// <summary>Renders the lot page fragment that browsers poll every second.</summary>
public sealed class LotHistoryRenderer
{
    public string RenderHistory(AuctionLot lot)
    {
        var rows = new List<string>();
        foreach (var bid in lot.Bids)
        {
            var who = bid.BidderId.Length > 4 ? "***" + bid.BidderId[^4..] : bid.BidderId;
            rows.Add($"<tr><td>{bid.PlacedAt:HH:mm:ss}</td><td>{who}</td><td>{bid.Amount:C}</td></tr>");
        }
        rows.Reverse();
        return $"<table id=\"lot-{lot.LotNumber}\">{string.Concat(rows)}</table>";
    }
}

/// <summary>Places absentee bids on behalf of collectors who left a maximum with the house.</summary>
public sealed class AbsenteeBidAgent
{
    private readonly string _bidderId;
    private readonly decimal _maximum;

    public AbsenteeBidAgent(string bidderId, decimal maximum)
    {
        _bidderId = bidderId;
        _maximum = maximum;
    }

    public async Task RunAsync(AuctionLot lot, decimal increment, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var leading = lot.Leading;
            if (leading is null || leading.BidderId != _bidderId)
            {
                var next = (leading?.Amount ?? 0m) + increment;
                if (next > _maximum)
                    return;
                lot.TryPlaceBid(new Bid(_bidderId, next, DateTimeOffset.UtcNow), increment);
            }
            await Task.Delay(250, ct);
        }
    }
}
