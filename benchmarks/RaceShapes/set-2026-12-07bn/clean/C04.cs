using System.Collections.Concurrent;

namespace Blind66.OrchidAuction.Clock;

public sealed class AuctionLot
{
    public AuctionLot(string id, string grex, long reservePence)
    {
        Id = id;
        Grex = grex;
        HighestPence = reservePence;
    }

    public string Id { get; }
    public string Grex { get; }
    public long HighestPence { get; private set; }
    public string? Leader { get; private set; }
    internal object Sync { get; } = new();

    internal long Raise(string bidder, long amountPence)
    {
        var previous = Leader is null ? 0 : HighestPence;
        HighestPence = amountPence;
        Leader = bidder;
        return amountPence - previous;
    }
}

/// <summary>
/// Dutch-clock orchid auction room. One instance per sale, shared by every bidder
/// connection; bids on different lots are handled in parallel.
/// </summary>
public sealed class AuctionRoom
{
    private const long MinimumIncrementPence = 50;
    private readonly ConcurrentDictionary<string, AuctionLot> _lots = new(StringComparer.Ordinal);
    private long _committedPence;
    private long _bidsAccepted;

    public void Add(AuctionLot lot) => _lots.TryAdd(lot.Id, lot);

    public bool TryBid(string lotId, string bidder, long amountPence)
    {
        if (!_lots.TryGetValue(lotId, out var lot))
        {
            return false;
        }

        long delta;
        lock (lot.Sync)
        {
            if (amountPence < lot.HighestPence + MinimumIncrementPence)
            {
                return false;
            }

            delta = lot.Raise(bidder, amountPence);
        }

        Interlocked.Add(ref _committedPence, delta);
        Interlocked.Increment(ref _bidsAccepted);
        return true;
    }

    public long CommittedPence => Interlocked.Read(ref _committedPence);

    public long BidsAccepted => Interlocked.Read(ref _bidsAccepted);

    public (string? Leader, long Pence) Standing(string lotId)
    {
        if (!_lots.TryGetValue(lotId, out var lot))
        {
            return (null, 0);
        }

        lock (lot.Sync)
        {
            return (lot.Leader, lot.HighestPence);
        }
    }
}
