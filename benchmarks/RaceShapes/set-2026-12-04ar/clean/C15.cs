namespace Blind44.StampAuctions.Bidding;

public sealed record LotBid(string BidderId, decimal Amount, DateTimeOffset PlacedAt);

public sealed class OutbidEventArgs : EventArgs
{
    public OutbidEventArgs(string lotNumber, LotBid previous, LotBid current)
    {
        LotNumber = lotNumber;
        Previous = previous;
        Current = current;
    }

    public string LotNumber { get; }
    public LotBid Previous { get; }
    public LotBid Current { get; }
}

/// <summary>
/// A stamp lot open for bidding. Web, phone-desk and absentee bids arrive concurrently;
/// the lot page polls <see cref="History"/>. Subscribers to <see cref="Outbid"/> are wired up
/// by the auction host before the lot opens.
/// </summary>
public sealed class BiddingLot
{
    private readonly object _gate = new();
    private readonly List<LotBid> _bids = new();
    private readonly decimal _reserve;

    public BiddingLot(string lotNumber, decimal reserve)
    {
        LotNumber = lotNumber;
        _reserve = reserve;
    }

    public string LotNumber { get; }

    public event EventHandler<OutbidEventArgs>? Outbid;

    /// <summary>Copy of the bid history, oldest first.</summary>
    public IReadOnlyList<LotBid> History
    {
        get { lock (_gate) return _bids.ToArray(); }
    }

    public bool TryPlace(LotBid bid, decimal increment)
    {
        LotBid? previous;
        lock (_gate)
        {
            previous = _bids.Count == 0 ? null : _bids[^1];
            var floor = previous is null ? _reserve : previous.Amount + increment;
            if (bid.Amount < floor)
                return false;
            _bids.Add(bid);
        }

        // Outbid handlers send e-mails to the previous leader.
        if (previous is not null && previous.BidderId != bid.BidderId)
            Outbid?.Invoke(this, new OutbidEventArgs(LotNumber, previous, bid));
        return true;
    }

    public LotBid? Leading
    {
        get { lock (_gate) return _bids.Count == 0 ? null : _bids[^1]; }
    }
}

/// <summary>Renders the lot history fragment polled by browsers.</summary>
public sealed class BidHistoryView
{
    public string Render(BiddingLot lot)
    {
        var history = lot.History;
        var rows = new List<string>(history.Count);
        for (int i = history.Count - 1; i >= 0; i--)
        {
            var bid = history[i];
            rows.Add($"<tr><td>{bid.PlacedAt:HH:mm:ss}</td><td>{bid.Amount:C}</td></tr>");
        }
        return $"<table id=\"lot-{lot.LotNumber}\">{string.Concat(rows)}</table>";
    }
}
