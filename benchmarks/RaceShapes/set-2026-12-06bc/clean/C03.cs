namespace Blind55.Clean.C03;

public sealed record Bid(long Id, string Buyer, decimal PricePerKilo, DateTime PlacedAt);

public sealed record Lot(string LotId, string Species, decimal Kilos, decimal ReservePerKilo);

public sealed class LotMatchedEventArgs : EventArgs
{
    public LotMatchedEventArgs(Lot lot, Bid bid) { Lot = lot; Bid = bid; }
    public Lot Lot { get; }
    public Bid Bid { get; }
}

/// <summary>
/// Order book for whole-lot sales at the fish market. Buyers' terminals place and cancel bids
/// while the auctioneer offers lots; all of them share one book per species.
/// </summary>
public sealed class FishLotOrderBook
{
    private readonly object _sync = new();
    private readonly SortedSet<Bid> _bids = new(Comparer<Bid>.Create((a, b) =>
    {
        int byPrice = b.PricePerKilo.CompareTo(a.PricePerKilo);
        if (byPrice != 0) return byPrice;
        int byTime = a.PlacedAt.CompareTo(b.PlacedAt);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }));
    private readonly Dictionary<long, Bid> _byId = new();
    private EventHandler<LotMatchedEventArgs>? _matched;
    private long _nextId;

    public event EventHandler<LotMatchedEventArgs>? Matched
    {
        add { lock (_sync) _matched += value; }
        remove { lock (_sync) _matched -= value; }
    }

    public long PlaceBid(string buyer, decimal pricePerKilo)
    {
        var bid = new Bid(Interlocked.Increment(ref _nextId), buyer, pricePerKilo, DateTime.UtcNow);
        lock (_sync)
        {
            _bids.Add(bid);
            _byId.Add(bid.Id, bid);
        }
        return bid.Id;
    }

    public bool Cancel(long bidId)
    {
        lock (_sync)
        {
            if (!_byId.Remove(bidId, out var bid))
            {
                return false;
            }

            _bids.Remove(bid);
            return true;
        }
    }

    /// <summary>Sells the lot to the best bid at or above its reserve, if there is one.</summary>
    public Bid? Offer(Lot lot)
    {
        Bid? winner = null;
        EventHandler<LotMatchedEventArgs>? handler;
        lock (_sync)
        {
            if (_bids.Count > 0 && _bids.Min!.PricePerKilo >= lot.ReservePerKilo)
            {
                winner = _bids.Min;
                _bids.Remove(winner);
                _byId.Remove(winner.Id);
            }

            handler = _matched;
        }

        if (winner != null)
        {
            handler?.Invoke(this, new LotMatchedEventArgs(lot, winner));
        }

        return winner;
    }

    public int OpenBids
    {
        get { lock (_sync) return _byId.Count; }
    }
}
