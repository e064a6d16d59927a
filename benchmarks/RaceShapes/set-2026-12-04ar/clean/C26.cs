using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind44.CanalLocks.Api;

/// <summary>Token bucket for one boat licence number.</summary>
public sealed class PassageBucket
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private double _tokens;
    private long _lastRefillTicks;

    public PassageBucket(double capacity, double refillPerSecond, long nowTicks)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _tokens = capacity;
        _lastRefillTicks = nowTicks;
    }

    public bool TryTake(long nowTicks, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var elapsed = TimeSpan.FromTicks(Math.Max(0, nowTicks - _lastRefillTicks)).TotalSeconds;
            _tokens = Math.Min(_capacity, _tokens + elapsed * _refillPerSecond);
            _lastRefillTicks = nowTicks;

            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _refillPerSecond);
            return false;
        }
    }

    public long LastSeenTicks
    {
        get { lock (_gate) return _lastRefillTicks; }
    }
}

/// <summary>
/// Middleware that limits how often each licensed boat may request lock passages through the
/// canal trust's booking API. One instance serves every request.
/// </summary>
public sealed class PassageRateLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ConcurrentDictionary<string, PassageBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private long _rejected;

    public PassageRateLimitMiddleware(RequestDelegate next) => _next = next;

    public long Rejected => Interlocked.Read(ref _rejected);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/passages") ||
            !context.Request.Headers.TryGetValue("X-Boat-Licence", out var licence))
        {
            await _next(context);
            return;
        }

        var now = DateTime.UtcNow.Ticks;
        var bucket = _buckets.GetOrAdd(licence.ToString(), _ => new PassageBucket(capacity: 5, refillPerSecond: 0.1, now));

        if (!bucket.TryTake(now, out var retryAfter))
        {
            Interlocked.Increment(ref _rejected);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            return;
        }

        await _next(context);
    }

    /// <summary>Called by a housekeeping timer to forget boats that have not been seen for a day.</summary>
    public int Sweep()
    {
        var cutoff = DateTime.UtcNow.AddDays(-1).Ticks;
        int removed = 0;
        foreach (var (licence, bucket) in _buckets)
        {
            if (bucket.LastSeenTicks < cutoff && _buckets.TryRemove(new KeyValuePair<string, PassageBucket>(licence, bucket)))
                removed++;
        }
        return removed;
    }
}
