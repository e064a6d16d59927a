using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind57.VillageHall.Enquiries;

/// <summary>
/// Per-client token buckets for the village hall's enquiry form. Shared by all requests through
/// the middleware below; each client's bucket is created on first use.
/// </summary>
public sealed class EnquiryRateLimiter
{
    private sealed class Bucket
    {
        public readonly object Sync = new();
        public double Tokens;
        public long LastRefillTicks;

        public Bucket(double tokens, long ticks)
        {
            Tokens = tokens;
            LastRefillTicks = ticks;
        }
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _capacity;
    private readonly double _perSecond;

    public EnquiryRateLimiter(double capacity, double perSecond)
    {
        _capacity = capacity;
        _perSecond = perSecond;
    }

    public bool TryAcquire(string client)
    {
        long now = Environment.TickCount64;
        var bucket = _buckets.GetOrAdd(client, static (_, state) => new Bucket(state.Capacity, state.Now), (Capacity: _capacity, Now: now));

        lock (bucket.Sync)
        {
            double elapsedSeconds = (now - bucket.LastRefillTicks) / 1000.0;
            if (elapsedSeconds > 0)
            {
                bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsedSeconds * _perSecond);
                bucket.LastRefillTicks = now;
            }

            if (bucket.Tokens < 1) return false;
            bucket.Tokens -= 1;
            return true;
        }
    }

    public double TokensLeft(string client)
    {
        if (!_buckets.TryGetValue(client, out var bucket)) return _capacity;
        lock (bucket.Sync) return bucket.Tokens;
    }
}

public sealed class EnquiryThrottleMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EnquiryRateLimiter _limiter;

    public EnquiryThrottleMiddleware(RequestDelegate next, EnquiryRateLimiter limiter)
    {
        _next = next;
        _limiter = limiter;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/enquiries"))
        {
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (!_limiter.TryAcquire(client))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "30";
                return;
            }
        }

        await _next(context);
    }
}
