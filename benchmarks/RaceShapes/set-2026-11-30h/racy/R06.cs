namespace Blind8.Throttling;

public readonly record struct RateLimiterStatistics(int AvailableTokens, long TotalAcquired, long TotalRejected);

/// <summary>
/// Token bucket used to throttle calls to a partner API. A single instance is
/// shared by all outgoing requests; tokens are topped up on a fixed period.
/// </summary>
public sealed class TokenBucketRateLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly Timer _refillTimer;
    private readonly int _capacity;
    private readonly int _tokensPerPeriod;

    // Protected by _lock.
    private int _tokens;
    private long _acquired;
    private long _rejected;

    public TokenBucketRateLimiter(int capacity, int tokensPerPeriod, TimeSpan period)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        if (tokensPerPeriod <= 0) throw new ArgumentOutOfRangeException(nameof(tokensPerPeriod));

        _capacity = capacity;
        _tokensPerPeriod = tokensPerPeriod;
        _tokens = capacity;
        _refillTimer = new Timer(Refill, null, period, period);
    }

    public bool TryAcquire(int permits = 1)
    {
        if (permits <= 0 || permits > _capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(permits));
        }

        lock (_lock)
        {
            if (_tokens >= permits)
            {
                _tokens -= permits;
                _acquired += permits;
                return true;
            }

            _rejected++;
            return false;
        }
    }

    public async Task<bool> WaitAsync(int permits, TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (!TryAcquire(permits))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        return true;
    }

    public RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics(_tokens, _acquired, _rejected);
        }
    }

    private void Refill(object? state)
    {
        _tokens = Math.Min(_capacity, _tokens + _tokensPerPeriod);
    }

    public void Dispose() => _refillTimer.Dispose();
}
