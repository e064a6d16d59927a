namespace Blind31.TeaAuctions.Throttling;

/// <summary>
/// Token bucket limiting how many bids a bidder terminal may place per second.
/// One bucket is created per auction floor and shared by every bidder connection
/// on that floor; the auctioneer console resets it when a new lot opens.
/// </summary>
public sealed class BidTokenBucket
{
    private readonly object _sync = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private double _tokens;
    private long _lastRefillTicks;

    public BidTokenBucket(double capacity, double refillPerSecond)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _tokens = capacity;
        _lastRefillTicks = Environment.TickCount64;
    }

    public bool TryTake(double cost = 1)
    {
        lock (_sync)
        {
            Refill();
            if (_tokens < cost)
            {
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }

    public double Available
    {
        get
        {
            lock (_sync)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Refills the bucket completely; called when the auctioneer opens a lot.</summary>
    public void Reset()
    {
        _tokens = _capacity;
        _lastRefillTicks = Environment.TickCount64;
    }

    private void Refill()
    {
        long now = Environment.TickCount64;
        double elapsedSeconds = (now - _lastRefillTicks) / 1000.0;
        if (elapsedSeconds <= 0)
        {
            return;
        }

        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _refillPerSecond);
        _lastRefillTicks = now;
    }
}

public sealed record Bid(string BidderId, string LotNumber, decimal PricePerKilo);

/// <summary>Accepts bids from all connected terminals for a single auction floor.</summary>
public sealed class AuctionFloor
{
    private readonly BidTokenBucket _bucket = new(capacity: 20, refillPerSecond: 10);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Bid> _accepted = new();

    public bool SubmitBid(Bid bid)
    {
        if (!_bucket.TryTake())
        {
            return false;
        }

        _accepted.Enqueue(bid);
        return true;
    }

    public void OpenLot(string lotNumber)
    {
        _accepted.Clear();
        _bucket.Reset();
    }

    public int AcceptedCount => _accepted.Count;
}
