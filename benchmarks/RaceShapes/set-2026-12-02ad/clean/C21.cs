namespace Blind30.StampAuction;

public sealed record LeadingBid(string Bidder, long AmountPence, DateTime PlacedUtc);

/// <summary>
/// Proxy-bid lot in the stamp auction: bids from all connected bidders are applied
/// concurrently, and watchers read the leading bid at any time.
/// </summary>
public sealed class ProxyBidLot
{
    private readonly long _incrementPence;
    private LeadingBid _leading;
    private int _rejected;

    public ProxyBidLot(string lotNumber, long openingPence, long incrementPence)
    {
        LotNumber = lotNumber;
        _incrementPence = incrementPence;
        _leading = new LeadingBid("(opening)", openingPence, DateTime.UtcNow);
    }

    public string LotNumber { get; }

    public LeadingBid Leading => Volatile.Read(ref _leading);

    public int Rejected => Volatile.Read(ref _rejected);

    public bool Bid(string bidder, long amountPence)
    {
        var spin = new SpinWait();
        while (true)
        {
            var current = Volatile.Read(ref _leading);
            long minimum = current.Bidder == "(opening)" ? current.AmountPence : current.AmountPence + _incrementPence;
            if (amountPence < minimum)
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            var proposed = new LeadingBid(bidder, amountPence, DateTime.UtcNow);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _leading, proposed, current), current))
            {
                return true;
            }

            spin.SpinOnce();
        }
    }
}

/// <summary>Simulates the closing seconds of a sale for load testing the lot.</summary>
public static class ClosingRush
{
    public static async Task<LeadingBid> RunAsync(ProxyBidLot lot, IReadOnlyList<string> bidders, int bidsEach)
    {
        var tasks = bidders.Select((bidder, i) => Task.Run(() =>
        {
            long amount = lot.Leading.AmountPence;
            for (int n = 0; n < bidsEach; n++)
            {
                amount += 50 + i;
                lot.Bid(bidder, amount);
            }
        }));

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return lot.Leading;
    }
}
