namespace Blind30.StampAuction;

/// <summary>
/// Live lot in an online stamp auction. Bids arrive from many web requests at once
/// and the current leader is shown to every watcher.
/// </summary>
public sealed class AuctionLot
{
    private readonly long _reservePence;
    private long _highestPence;
    private string? _highestBidder;
    private int _bidCount;

    public AuctionLot(string catalogueNumber, string description, long openingPence, long reservePence)
    {
        CatalogueNumber = catalogueNumber;
        Description = description;
        _highestPence = openingPence;
        _reservePence = reservePence;
    }

    public string CatalogueNumber { get; }
    public string Description { get; }

    public long HighestPence => Interlocked.Read(ref _highestPence);

    public int BidCount => Volatile.Read(ref _bidCount);

    public bool ReserveMet => HighestPence >= _reservePence;

    /// <summary>Places a bid; returns false if someone has already bid as much or more.</summary>
    public bool PlaceBid(string bidder, long amountPence)
    {
        while (true)
        {
            long current = Interlocked.Read(ref _highestPence);
            if (amountPence <= current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _highestPence, amountPence, current) == current)
            {
                break;
            }
        }

        _highestBidder = bidder;
        Interlocked.Increment(ref _bidCount);
        return true;
    }

    public string? HighestBidder => Volatile.Read(ref _highestBidder);
}

/// <summary>Hammer results for the auctioneer's end-of-sale sheet.</summary>
public static class HammerSheet
{
    public static IEnumerable<string> Lines(IEnumerable<AuctionLot> lots) =>
        lots.Select(l => l.ReserveMet
            ? $"{l.CatalogueNumber}  sold to {l.HighestBidder} for {l.HighestPence / 100m:C}"
            : $"{l.CatalogueNumber}  unsold (best {l.HighestPence / 100m:C})");
}
