using System.Collections.Concurrent;
using System.Diagnostics;

namespace Edge.RateLimiting;

/// <summary>
/// Token-bucket limiter keyed by API key. Registered as a singleton and
/// consulted by the API gateway for every request.
/// </summary>
public sealed class ApiKeyRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _capacity;
    private readonly double _tokensPerSecond;

    public ApiKeyRateLimiter(double capacity, double tokensPerSecond)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
    }

    public bool TryAcquire(string apiKey, double cost = 1)
    {
        var bucket = _buckets.GetOrAdd(apiKey, static (_, limiter) => new Bucket(limiter._capacity), this);
        return bucket.TryConsume(cost, _capacity, _tokensPerSecond);
    }

    public int TrackedKeys => _buckets.Count;

    private sealed class Bucket
    {
        private State _state;

        public Bucket(double capacity)
        {
            _state = new State(capacity, Stopwatch.GetTimestamp());
        }

        public bool TryConsume(double cost, double capacity, double tokensPerSecond)
        {
            while (true)
            {
                var current = Volatile.Read(ref _state);
                var now = Stopwatch.GetTimestamp();
                var elapsedSeconds = (now - current.LastRefillTimestamp) / (double)Stopwatch.Frequency;
                var available = Math.Min(capacity, current.Tokens + elapsedSeconds * tokensPerSecond);

                if (available < cost)
                {
                    return false;
                }

                var next = new State(available - cost, now);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
                {
                    return true;
                }
            }
        }

        private sealed record State(double Tokens, long LastRefillTimestamp);
    }
}

public sealed class ApiGateway
{
    private readonly ApiKeyRateLimiter _limiter;
    private readonly Func<string, Task<string>> _backend;

    public ApiGateway(ApiKeyRateLimiter limiter, Func<string, Task<string>> backend)
    {
        _limiter = limiter;
        _backend = backend;
    }

    public async Task<(int Status, string Body)> HandleAsync(string apiKey, string path)
    {
        if (!_limiter.TryAcquire(apiKey))
        {
            return (429, "Too many requests");
        }

        return (200, await _backend(path).ConfigureAwait(false));
    }
}
