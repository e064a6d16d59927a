using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind48.BowlingAlley.Api;

/// <summary>
/// Per-lane request counters for the alley's scoring API. Registered as a
/// singleton; the middleware updates it on every request and the
/// operations page reads it.
/// </summary>
public sealed class LaneTrafficCounters
{
    public sealed class LaneCounter
    {
        private long _requests;
        private long _errors;

        public long Requests => Interlocked.Read(ref _requests);
        public long Errors => Interlocked.Read(ref _errors);

        public void Record(bool failed)
        {
            Interlocked.Increment(ref _requests);
            if (failed)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }

    private readonly ConcurrentDictionary<int, LaneCounter> _byLane = new();

    public void Record(int lane, bool failed) => _byLane.GetOrAdd(lane, _ => new LaneCounter()).Record(failed);

    public IReadOnlyDictionary<int, (long Requests, long Errors)> Snapshot() =>
        _byLane.ToDictionary(kv => kv.Key, kv => (kv.Value.Requests, kv.Value.Errors));
}

/// <summary>
/// Per-request details about which lane a call is for. Registered as a scoped
/// service.
/// </summary>
public sealed class LaneRequestContext
{
    public int? Lane { get; set; }
    public string? BowlerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>
/// Ambient correlation id for log lines written anywhere during a request.
/// </summary>
public static class RequestCorrelation
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static void Set(string id) => s_current.Value = id;
}

/// <summary>
/// Middleware that works out the lane from the route, fills the scoped
/// context and records the outcome in the shared counters.
/// </summary>
public sealed class LaneTrafficMiddleware
{
    private readonly RequestDelegate _next;
    private readonly LaneTrafficCounters _counters;

    public LaneTrafficMiddleware(RequestDelegate next, LaneTrafficCounters counters)
    {
        _next = next;
        _counters = counters;
    }

    public async Task InvokeAsync(HttpContext http, LaneRequestContext laneContext)
    {
        RequestCorrelation.Set(http.TraceIdentifier);
        laneContext.StartedAt = DateTimeOffset.UtcNow;

        if (http.Request.RouteValues.TryGetValue("lane", out var raw) && int.TryParse(raw?.ToString(), out var lane))
        {
            laneContext.Lane = lane;
        }

        laneContext.BowlerId = http.Request.Headers["X-Bowler-Id"].FirstOrDefault();

        var failed = true;
        try
        {
            await _next(http);
            failed = http.Response.StatusCode >= 500;
        }
        finally
        {
            if (laneContext.Lane is int l)
            {
                _counters.Record(l, failed);
            }
        }
    }
}
