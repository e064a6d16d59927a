namespace Blind53.TeaAuctions.Bidding;

/// <summary>
/// Limits how many bids a single auction room accepts per interval.
/// One bucket is created per room and shared by every bidder connection in that room.
/// </summary>
public sealed class BidTokenBucket : IDisposable
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly int _refillPerTick;
    private readonly Timer _refillTimer;
    private int _tokens;
    private long _rejected;

    public BidTokenBucket(int capacity, int refillPerTick, TimeSpan tickInterval)
    {
        _capacity = capacity;
        _refillPerTick = refillPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(OnRefillTick, null, tickInterval, tickInterval);
    }

    /// <summary>Number of bids turned away since the room opened.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    public bool TryTake(int count = 1)
    {
        lock (_gate)
        {
            if (_tokens >= count)
            {
                _tokens -= count;
                return true;
            }
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    private void OnRefillTick(object? state)
    {
        int next = _tokens + _refillPerTick;
        _tokens = next > _capacity ? _capacity : next;
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed record Bid(string LotNumber, string BrokerId, decimal PricePerKilo);

/// <summary>
/// Accepts bids from broker terminals for one auction room.
/// </summary>
public sealed class AuctionRoomDesk : IDisposable
{
    private readonly BidTokenBucket _bucket = new(capacity: 50, refillPerTick: 10, TimeSpan.FromMilliseconds(200));
    private readonly System.Collections.Concurrent.ConcurrentQueue<Bid> _accepted = new();

    public bool Submit(Bid bid)
    {
        if (!_bucket.TryTake())
        {
            return false;
        }

        _accepted.Enqueue(bid);
        return true;
    }

    public int AcceptedCount => _accepted.Count;

    public long RejectedCount => _bucket.Rejected;

    public void Dispose() => _bucket.Dispose();
}
