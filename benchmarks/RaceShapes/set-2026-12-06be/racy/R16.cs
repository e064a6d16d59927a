using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind57.VillageHall.Bookings;

/// <summary>
/// Token-bucket limiter for the village hall's public booking form, one bucket per client.
/// A single instance is shared by the middleware across all requests.
/// </summary>
public sealed class HallBookingRateLimiter
{
    private sealed class Bucket
    {
        public double Tokens;
        public DateTime LastRefillUtc;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;

    public HallBookingRateLimiter(double capacity, double refillPerSecond)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
    }

    public bool TryAcquire(string clientId)
    {
        var now = DateTime.UtcNow;
        var bucket = _buckets.GetOrAdd(clientId, _ => new Bucket { Tokens = _capacity, LastRefillUtc = now });

        var elapsed = (now - bucket.LastRefillUtc).TotalSeconds;
        if (elapsed > 0)
        {
            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsed * _refillPerSecond);
            bucket.LastRefillUtc = now;
        }

        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    public int TrackedClients => _buckets.Count;
}

/// <summary>Rejects bursts of booking submissions from the same address.</summary>
public sealed class BookingThrottleMiddleware
{
    private readonly RequestDelegate _next;
    private readonly HallBookingRateLimiter _limiter;

    public BookingThrottleMiddleware(RequestDelegate next, HallBookingRateLimiter limiter)
    {
        _next = next;
        _limiter = limiter;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) &&
            context.Request.Path.StartsWithSegments("/bookings"))
        {
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (!_limiter.TryAcquire(client))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.Response.WriteAsync("Too many booking requests, please wait a minute.");
                return;
            }
        }

        await _next(context);
    }
}
