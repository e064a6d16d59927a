namespace Blind50.StampAuctions.Bidding;

public interface IBidAuditLog
{
    Task RecordAsync(string lotNumber, string bidder, decimal amount, CancellationToken cancellationToken);
}

public sealed record BidResult(bool Accepted, decimal HighestBid, string? HighestBidder);

/// <summary>
/// Live state of one stamp lot while it is under the hammer. A single instance per lot is
/// kept in the auction room registry and every connected bidder's request calls
/// <see cref="PlaceBidAsync"/> on it.
/// </summary>
public sealed class LotBidBook
{
    private readonly string _lotNumber;
    private readonly IBidAuditLog _audit;
    private readonly decimal _increment;
    private decimal _highestBid;
    private string? _highestBidder;

    public LotBidBook(string lotNumber, decimal reserve, decimal increment, IBidAuditLog audit)
    {
        _lotNumber = lotNumber;
        _highestBid = reserve;
        _increment = increment;
        _audit = audit;
    }

    public async Task<BidResult> PlaceBidAsync(string bidder, decimal amount, CancellationToken cancellationToken)
    {
        if (amount < _highestBid + _increment)
        {
            return new BidResult(false, _highestBid, _highestBidder);
        }

        // Every accepted bid must be in the audit log before it is shown in the room.
        await _audit.RecordAsync(_lotNumber, bidder, amount, cancellationToken).ConfigureAwait(false);

        _highestBid = amount;
        _highestBidder = bidder;
        return new BidResult(true, amount, bidder);
    }
}

/// <summary>Keeps the bid books for lots currently being sold.</summary>
public sealed class AuctionRoom
{
    private readonly Dictionary<string, LotBidBook> _lots = new();
    private readonly object _lotsLock = new();
    private readonly IBidAuditLog _audit;

    public AuctionRoom(IBidAuditLog audit) => _audit = audit;

    public LotBidBook Open(string lotNumber, decimal reserve)
    {
        lock (_lotsLock)
        {
            if (!_lots.TryGetValue(lotNumber, out var book))
            {
                book = new LotBidBook(lotNumber, reserve, increment: 5m, _audit);
                _lots.Add(lotNumber, book);
            }

            return book;
        }
    }

    public LotBidBook? Find(string lotNumber)
    {
        lock (_lotsLock)
        {
            return _lots.GetValueOrDefault(lotNumber);
        }
    }
}

/// <summary>Handles bids posted by bidders' browsers.</summary>
public sealed class BidEndpoint
{
    private readonly AuctionRoom _room;

    public BidEndpoint(AuctionRoom room) => _room = room;

    public async Task<string> PostAsync(string lotNumber, string bidder, decimal amount, CancellationToken cancellationToken)
    {
        var book = _room.Find(lotNumber);
        if (book == null)
        {
            return "lot not open";
        }

        var result = await book.PlaceBidAsync(bidder, amount, cancellationToken);
        return result.Accepted ? $"you lead at {result.HighestBid}" : $"outbid, current {result.HighestBid} by {result.HighestBidder}";
    }
}
