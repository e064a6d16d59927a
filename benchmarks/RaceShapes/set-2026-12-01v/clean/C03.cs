namespace Blind22.RareBooks.OnlineBidding;

/// <summary>
/// Highest-bid tracker for one lot in a timed online auction. Many bidder sessions
/// submit bids at once during the closing minutes.
/// </summary>
public sealed class TimedLotBidBoard
{
    private sealed record Leading(long AmountPence, string BidderId, DateTimeOffset At);

    private Leading _leading;
    private int _bidCount;
    private readonly long _incrementPence;

    public TimedLotBidBoard(string lotId, long openingPence, long incrementPence)
    {
        LotId = lotId;
        _incrementPence = incrementPence;
        _leading = new Leading(openingPence - incrementPence, string.Empty, DateTimeOffset.MinValue);
    }

    public string LotId { get; }

    public int BidCount => Volatile.Read(ref _bidCount);

    public (long AmountPence, string BidderId) Current
    {
        get
        {
            var leading = Volatile.Read(ref _leading);
            return (leading.AmountPence, leading.BidderId);
        }
    }

    public bool TryBid(string bidderId, long amountPence)
    {
        var proposed = new Leading(amountPence, bidderId, DateTimeOffset.UtcNow);
        while (true)
        {
            var seen = Volatile.Read(ref _leading);
            if (amountPence < seen.AmountPence + _incrementPence)
            {
                return false;
            }
            if (ReferenceEquals(Interlocked.CompareExchange(ref _leading, proposed, seen), seen))
            {
                Interlocked.Increment(ref _bidCount);
                return true;
            }
        }
    }
}

/// <summary>
/// Feeds simulated bids from several bidder connections into a lot for the closing
/// sequence load test.
/// </summary>
public static class ClosingMinuteSimulation
{
    public static async Task<(long, string)> RunAsync(TimedLotBidBoard lot, int bidders, int bidsEach)
    {
        var tasks = Enumerable.Range(0, bidders).Select(b => Task.Run(() =>
        {
            var rng = new Random(b);
            for (var i = 0; i < bidsEach; i++)
            {
                var (amount, _) = lot.Current;
                lot.TryBid($"bidder-{b}", amount + 500 + rng.Next(0, 5) * 100);
            }
        }));
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return lot.Current;
    }
}
