using System.Collections.Concurrent;

namespace Gateway.Throttling;

/// <summary>
/// Per-client token buckets. Registered as a singleton and consulted by the
/// throttling middleware for every incoming request.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan IdleEviction = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly int _requestsPerSecond;
    private readonly Timer _refillTimer;

    public ClientRateLimiter(int requestsPerSecond)
    {
        _requestsPerSecond = requestsPerSecond;
        _refillTimer = new Timer(_ => RefillAll(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public bool TryAcquire(string clientId)
    {
        var bucket = _buckets.GetOrAdd(clientId, _ => new TokenBucket(_requestsPerSecond));
        return bucket.TryTake();
    }

    private void RefillAll()
    {
        foreach (var pair in _buckets)
        {
            if (pair.Value.IsIdle(IdleEviction))
            {
                _buckets.TryRemove(pair);
                continue;
            }

            pair.Value.Refill();
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

internal sealed class TokenBucket
{
    private readonly int _capacity;
    private int _tokens;
    private long _lastUsedTicks;

    public TokenBucket(int capacity)
    {
        _capacity = capacity;
        _tokens = capacity;
        _lastUsedTicks = DateTime.UtcNow.Ticks;
    }

    public bool TryTake()
    {
        Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);

        if (Volatile.Read(ref _tokens) <= 0)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    public void Refill() => Interlocked.Exchange(ref _tokens, _capacity);

    public bool IsIdle(TimeSpan threshold) =>
        DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastUsedTicks) > threshold.Ticks;
}

/// <summary>
/// Middleware-style wrapper used by the gateway pipeline.
/// </summary>
public sealed class ThrottlingMiddleware
{
    private readonly Func<string, Task<int>> _next;
    private readonly ClientRateLimiter _limiter;

    public ThrottlingMiddleware(Func<string, Task<int>> next, ClientRateLimiter limiter)
    {
        _next = next;
        _limiter = limiter;
    }

    public Task<int> InvokeAsync(string clientId)
    {
        if (!_limiter.TryAcquire(clientId))
        {
            return Task.FromResult(429);
        }

        return _next(clientId);
    }
}
