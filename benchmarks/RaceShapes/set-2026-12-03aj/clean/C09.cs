namespace Blind36.StampAuction.PostalBids;

public enum SaleState { Preview, Accepting, Closed }

public sealed record PostalBid(string Bidder, string Lot, decimal MaxBid, DateTime ReceivedAt);

/// <summary>
/// Collects commission ("postal") bids for a stamp sale before the room opens.
/// Shared by the web form, the mail-room scanner and the auctioneer's book printer.
/// </summary>
public sealed class PostalBidBox
{
    private readonly object _lock = new();
    private readonly Dictionary<string, List<PostalBid>> _byLot = new(StringComparer.OrdinalIgnoreCase);
    private SaleState _state = SaleState.Preview;
    private DateTime? _closedAt;
    private int _totalBids;

    public SaleState State
    {
        get { lock (_lock) return _state; }
    }

    public void OpenForBids()
    {
        lock (_lock)
        {
            if (_state != SaleState.Preview)
                throw new InvalidOperationException("Bidding has already opened.");
            _state = SaleState.Accepting;
        }
    }

    public bool Submit(PostalBid bid)
    {
        lock (_lock)
        {
            if (_state != SaleState.Accepting)
                return false;

            if (!_byLot.TryGetValue(bid.Lot, out var list))
                _byLot[bid.Lot] = list = new List<PostalBid>();

            list.RemoveAll(b => string.Equals(b.Bidder, bid.Bidder, StringComparison.OrdinalIgnoreCase));
            list.Add(bid);
            _totalBids++;
            return true;
        }
    }

    public (DateTime ClosedAt, int TotalBids) Close()
    {
        lock (_lock)
        {
            if (_state == SaleState.Closed)
                return (_closedAt!.Value, _totalBids);

            _state = SaleState.Closed;
            _closedAt = DateTime.UtcNow;
            return (_closedAt.Value, _totalBids);
        }
    }

    /// <summary>Bids for a lot, highest first, for the auctioneer's book.</summary>
    public IReadOnlyList<PostalBid> BidsFor(string lot)
    {
        lock (_lock)
        {
            return _byLot.TryGetValue(lot, out var list)
                ? list.OrderByDescending(b => b.MaxBid).ThenBy(b => b.ReceivedAt).ToArray()
                : Array.Empty<PostalBid>();
        }
    }
}

/// <summary>Prints the auctioneer's book once bidding closes.</summary>
public sealed class AuctioneerBookPrinter
{
    private readonly PostalBidBox _box;

    public AuctioneerBookPrinter(PostalBidBox box) => _box = box;

    public Task<IReadOnlyList<string>> PrintAsync(IEnumerable<string> lots) => Task.Run(() =>
    {
        var lines = new List<string>();
        foreach (var lot in lots)
        {
            var bids = _box.BidsFor(lot);
            lines.Add(bids.Count == 0 ? $"{lot}: no book bids" : $"{lot}: {bids[0].MaxBid:C} ({bids.Count} bids)");
        }
        return (IReadOnlyList<string>)lines;
    });
}
