using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace AlpacaFarms.Gateway;

/// <summary>
/// Token bucket per API client of the fleece marketplace gateway. Registered as a singleton;
/// every request passes through <see cref="TryTake"/>.
/// </summary>
public sealed class ClientRateLimiter
{
    private sealed class Bucket
    {
        public readonly object Sync = new();
        public double Tokens;
        public long LastRefillTicks;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _capacity;
    private readonly double _tokensPerSecond;

    public ClientRateLimiter(double capacity, double tokensPerSecond)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
    }

    public bool TryTake(string clientId, out TimeSpan retryAfter)
    {
        var bucket = _buckets.GetOrAdd(clientId, _ => new Bucket
        {
            Tokens = _capacity,
            LastRefillTicks = Environment.TickCount64,
        });

        lock (bucket.Sync)
        {
            long now = Environment.TickCount64;
            double elapsedSeconds = (now - bucket.LastRefillTicks) / 1000.0;
            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsedSeconds * _tokensPerSecond);
            bucket.LastRefillTicks = now;

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _tokensPerSecond);
            return false;
        }
    }

    public double Remaining(string clientId)
    {
        if (!_buckets.TryGetValue(clientId, out var bucket))
        {
            return _capacity;
        }
        lock (bucket.Sync)
        {
            return bucket.Tokens;
        }
    }
}

/// <summary>Rejects requests from marketplace clients that exceed their allowance.</summary>
public sealed class ClientRateLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ClientRateLimiter _limiter;

    public ClientRateLimitMiddleware(RequestDelegate next, ClientRateLimiter limiter)
    {
        _next = next;
        _limiter = limiter;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        string clientId = context.Request.Headers["X-Client-Id"].FirstOrDefault() ?? "anonymous";
        if (!_limiter.TryTake(clientId, out var retryAfter))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString("F0");
            await context.Response.WriteAsync("Too many fleece listings requests.");
            return;
        }

        context.Response.Headers["X-RateLimit-Remaining"] = Math.Floor(_limiter.Remaining(clientId)).ToString("F0");
        await _next(context);
    }
}
