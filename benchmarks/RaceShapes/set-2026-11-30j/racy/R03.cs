namespace Blind10.RateLimiting.TokenBucket;

/// <summary>
/// Token bucket limiter in front of the outbound SMS gateway. Tokens are topped up by a
/// timer; callers either get a permit immediately or are told how long to wait.
/// </summary>
public sealed class TokenBucketRateLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly int _tokensPerPeriod;
    private readonly TimeSpan _period;
    private readonly Timer _refillTimer;
    private int _tokens;
    private DateTime _lastRefillUtc;

    public TokenBucketRateLimiter(int capacity, int tokensPerPeriod, TimeSpan period)
    {
        _capacity = capacity;
        _tokensPerPeriod = tokensPerPeriod;
        _period = period;
        _tokens = capacity;
        _lastRefillUtc = DateTime.UtcNow;
        _refillTimer = new Timer(_ => Refill(), null, period, period);
    }

    public int AvailableTokens
    {
        get { lock (_lock) { return _tokens; } }
    }

    public bool TryAcquire(int permits = 1)
    {
        if (permits <= 0 || permits > _capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(permits));
        }

        lock (_lock)
        {
            if (_tokens < permits)
            {
                return false;
            }
            _tokens -= permits;
            return true;
        }
    }

    public TimeSpan EstimateWait(int permits = 1)
    {
        lock (_lock)
        {
            if (_tokens >= permits)
            {
                return TimeSpan.Zero;
            }

            int missing = permits - _tokens;
            int periodsNeeded = (missing + _tokensPerPeriod - 1) / _tokensPerPeriod;
            var nextRefill = _lastRefillUtc + _period - DateTime.UtcNow;
            if (nextRefill < TimeSpan.Zero)
            {
                nextRefill = TimeSpan.Zero;
            }
            return nextRefill + _period * (periodsNeeded - 1);
        }
    }

    public async Task<bool> WaitAsync(int permits, TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (!TryAcquire(permits))
        {
            var wait = EstimateWait(permits);
            if (DateTime.UtcNow + wait > deadline)
            {
                return false;
            }
            await Task.Delay(wait + TimeSpan.FromMilliseconds(5), ct).ConfigureAwait(false);
        }
        return true;
    }

    private void Refill()
    {
        lock (_lock)
        {
            _tokens = Math.Min(_capacity, _tokens + _tokensPerPeriod);
        }
        _lastRefillUtc = DateTime.UtcNow;
    }

    public void Dispose() => _refillTimer.Dispose();
}
