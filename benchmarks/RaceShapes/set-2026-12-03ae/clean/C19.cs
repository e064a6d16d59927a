namespace Blind31.TeaAuctions.Bidding;

public sealed record LotBid(string Buyer, decimal PricePerKilo, DateTime PlacedUtc);

/// <summary>
/// Tracks the leading bid on a tea lot during the open-cry phase. All bidder connections
/// call <see cref="TryPlace"/> concurrently; the broker's screen reads <see cref="Leading"/>.
/// </summary>
public sealed class LeadingBidTracker
{
    private readonly decimal _reservePrice;
    private LotBid? _leading;
    private int _bidCount;

    public LeadingBidTracker(decimal reservePrice)
    {
        _reservePrice = reservePrice;
    }

    public LotBid? Leading => Volatile.Read(ref _leading);

    public int BidCount => Volatile.Read(ref _bidCount);

    public bool TryPlace(string buyer, decimal pricePerKilo)
    {
        if (pricePerKilo < _reservePrice)
        {
            return false;
        }

        var candidate = new LotBid(buyer, pricePerKilo, DateTime.UtcNow);
        while (true)
        {
            var current = Volatile.Read(ref _leading);
            if (current != null && current.PricePerKilo >= pricePerKilo)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leading, candidate, current) == current)
            {
                Interlocked.Increment(ref _bidCount);
                return true;
            }
        }
    }
}

/// <summary>Runs the open-cry phase for one lot across all connected buyers.</summary>
public sealed class OpenCryRound
{
    private readonly LeadingBidTracker _tracker;

    public OpenCryRound(decimal reservePrice)
    {
        _tracker = new LeadingBidTracker(reservePrice);
    }

    public async Task<LotBid?> RunAsync(IReadOnlyList<Func<LotBid?, Task<decimal?>>> buyers, int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            var leadingBefore = _tracker.Leading;
            var offers = await Task.WhenAll(buyers.Select(async (buyer, index) =>
            {
                decimal? price = await buyer(leadingBefore).ConfigureAwait(false);
                return price is null ? false : _tracker.TryPlace($"buyer-{index}", price.Value);
            })).ConfigureAwait(false);

            if (!offers.Any(accepted => accepted))
            {
                break;
            }
        }

        return _tracker.Leading;
    }
}
