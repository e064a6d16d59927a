using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Blind42.GoatDairy.Telemetry;

/// <summary>
/// Per-endpoint request statistics for the dairy's herd-management API. Registered as a
/// singleton; the middleware records every request and the admin controller reads snapshots.
/// </summary>
public sealed class EndpointStatistics
{
    private readonly ConcurrentDictionary<string, EndpointCounter> _counters = new(StringComparer.OrdinalIgnoreCase);

    public void Record(string endpoint, long elapsedMs, bool failed)
    {
        var counter = _counters.GetOrAdd(endpoint, _ => new EndpointCounter());
        counter.Add(elapsedMs, failed);
    }

    public IReadOnlyList<(string Endpoint, long Requests, long Failures, double MeanMs)> Snapshot() =>
        _counters
            .Select(kv => kv.Value.Read(kv.Key))
            .OrderByDescending(s => s.Requests)
            .ToList();

    private sealed class EndpointCounter
    {
        private long _requests;
        private long _failures;
        private long _totalMs;

        public void Add(long elapsedMs, bool failed)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _totalMs, elapsedMs);
            if (failed)
            {
                Interlocked.Increment(ref _failures);
            }
        }

        public (string Endpoint, long Requests, long Failures, double MeanMs) Read(string endpoint)
        {
            var requests = Interlocked.Read(ref _requests);
            var total = Interlocked.Read(ref _totalMs);
            return (endpoint, requests, Interlocked.Read(ref _failures), requests == 0 ? 0 : (double)total / requests);
        }
    }
}

/// <summary>Middleware that times each request and records it.</summary>
public sealed class EndpointTimingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EndpointStatistics _statistics;

    public EndpointTimingMiddleware(RequestDelegate next, EndpointStatistics statistics)
    {
        _next = next;
        _statistics = statistics;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await _next(context);
            failed = context.Response.StatusCode >= 500;
        }
        finally
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            context.Items["dairy.elapsed"] = elapsed;
            _statistics.Record(context.Request.Path.Value ?? "/", (long)elapsed.TotalMilliseconds, failed);
        }
    }
}

[ApiController]
[Route("admin/stats")]
public sealed class StatisticsController : ControllerBase
{
    private readonly EndpointStatistics _statistics;

    public StatisticsController(EndpointStatistics statistics) => _statistics = statistics;

    [HttpGet]
    public IActionResult Get() =>
        Ok(_statistics.Snapshot().Select(s => new { s.Endpoint, s.Requests, s.Failures, s.MeanMs }));
}

public static class EndpointTimingExtensions
{
    public static IApplicationBuilder UseEndpointTiming(this IApplicationBuilder app) =>
        app.UseMiddleware<EndpointTimingMiddleware>();
}
