namespace Blind4.Clean.RateLimiting;

/// <summary>
/// Token bucket limiting calls to a partner API. Request handlers call <see cref="TryAcquire"/>;
/// a timer tops the bucket up so that idle periods accumulate credit.
/// </summary>
public sealed class TokenBucketLimiter : IDisposable
{
    private readonly object _sync = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly Timer _replenishTimer;
    private double _tokens;
    private long _lastRefillTicks;
    private long _rejected;

    public TokenBucketLimiter(double capacity, double tokensPerSecond, TimeSpan replenishPeriod)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _tokens = capacity;
        _lastRefillTicks = Environment.TickCount64;
        _replenishTimer = new Timer(_ => OnReplenishTick(), null, replenishPeriod, replenishPeriod);
    }

    public double AvailableTokens
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

    public long Rejected
    {
        get
        {
            lock (_sync)
            {
                return _rejected;
            }
        }
    }

    public bool TryAcquire(double cost = 1)
    {
        lock (_sync)
        {
            Refill();
            if (_tokens >= cost)
            {
                _tokens -= cost;
                return true;
            }

            _rejected++;
            return false;
        }
    }

    public TimeSpan EstimateWait(double cost = 1)
    {
        lock (_sync)
        {
            Refill();
            var missing = cost - _tokens;
            return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / _tokensPerSecond);
        }
    }

    private void OnReplenishTick()
    {
        lock (_sync)
        {
            Refill();
        }
    }

    private void Refill()
    {
        var now = Environment.TickCount64;
        var elapsedSeconds = (now - _lastRefillTicks) / 1000.0;
        if (elapsedSeconds <= 0)
        {
            return;
        }

        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _tokensPerSecond);
        _lastRefillTicks = now;
    }

    public void Dispose() => _replenishTimer.Dispose();
}
