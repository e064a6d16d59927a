namespace Gateway.Throttling;

public sealed class TokenBucketOptions
{
    public double Capacity { get; init; } = 100;
    public double TokensPerSecond { get; init; } = 50;
    public TimeSpan RefillInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Token bucket used by the API gateway middleware. A single limiter is
/// created per API key and kept in a dictionary for the lifetime of the
/// process; middleware calls <see cref="TryAcquire"/> on every request.
/// </summary>
public sealed class TokenBucketLimiter : IDisposable
{
    private readonly TokenBucketOptions _options;
    private readonly object _gate = new();
    private readonly Timer _refillTimer;
    private double _tokens;
    private long _rejected;

    public TokenBucketLimiter(TokenBucketOptions options)
    {
        _options = options;
        _tokens = options.Capacity;
        _refillTimer = new Timer(OnRefillTick, null, options.RefillInterval, options.RefillInterval);
    }

    public long RejectedCount => Interlocked.Read(ref _rejected);

    public bool TryAcquire(double permits = 1)
    {
        lock (_gate)
        {
            if (_tokens >= permits)
            {
                _tokens -= permits;
                return true;
            }
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public double AvailableTokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    private void OnRefillTick(object? state)
    {
        double toAdd = _options.TokensPerSecond * _options.RefillInterval.TotalSeconds;
        AddTokens(toAdd);
    }

    private void AddTokens(double amount)
    {
        lock (this)
        {
            _tokens = Math.Min(_options.Capacity, _tokens + amount);
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed class ApiKeyThrottle
{
    private readonly Dictionary<string, TokenBucketLimiter> _limiters = new();
    private readonly TokenBucketOptions _options;

    public ApiKeyThrottle(TokenBucketOptions options) => _options = options;

    public bool Allow(string apiKey)
    {
        TokenBucketLimiter limiter;
        lock (_limiters)
        {
            if (!_limiters.TryGetValue(apiKey, out limiter!))
            {
                limiter = new TokenBucketLimiter(_options);
                _limiters.Add(apiKey, limiter);
            }
        }

        return limiter.TryAcquire();
    }
}
