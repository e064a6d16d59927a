namespace Fabrikam.Throttling;

/// <summary>
/// Token bucket used to stay under a partner API's published request quota.
/// A single limiter is created per partner and shared by every outgoing call.
/// Tokens are topped up by a background timer.
/// </summary>
public sealed class TokenBucketLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private readonly Timer _refillTimer;
    private double _tokens;
    private long _granted;
    private long _rejected;

    public TokenBucketLimiter(double capacity, double tokensPerSecond, TimeSpan refillInterval)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        if (tokensPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(tokensPerSecond));

        _capacity = capacity;
        _tokensPerTick = tokensPerSecond * refillInterval.TotalSeconds;
        _tokens = capacity;
        _refillTimer = new Timer(static state => ((TokenBucketLimiter)state!).Refill(), this, refillInterval, refillInterval);
    }

    public double AvailableTokens
    {
        get { lock (_lock) return _tokens; }
    }

    public (long Granted, long Rejected) Statistics
    {
        get { lock (_lock) return (_granted, _rejected); }
    }

    public bool TryAcquire(double cost = 1.0)
    {
        if (cost <= 0 || cost > _capacity) throw new ArgumentOutOfRangeException(nameof(cost));

        lock (_lock)
        {
            if (_tokens >= cost)
            {
                _tokens -= cost;
                _granted++;
                return true;
            }

            _rejected++;
            return false;
        }
    }

    public async Task AcquireAsync(double cost, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (!TryAcquire(cost))
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private void Refill()
    {
        _tokens = Math.Min(_capacity, _tokens + _tokensPerTick);
    }

    public void Dispose() => _refillTimer.Dispose();
}
