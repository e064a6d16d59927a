using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using System.Runtime.CompilerServices;

namespace Blind26.ViolinWorkshop.Web;

/// <summary>Options for <see cref="WorkshopTimingMiddleware"/>.</summary>
public sealed class WorkshopTimingOptions
{
    public IReadOnlyList<string> IgnoredPrefixes { get; init; } = Array.Empty<string>();
    public TimeSpan SlowThreshold { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Records request counts and durations per route for the workshop's order and
/// varnish-room APIs. The middleware instance is created once by the pipeline and
/// invoked for every request.
/// </summary>
public sealed class WorkshopTimingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string[] _ignored;
    private readonly long _slowTicks;
    private readonly ConcurrentDictionary<string, RouteStats> _stats = new(StringComparer.OrdinalIgnoreCase);

    public WorkshopTimingMiddleware(RequestDelegate next, WorkshopTimingOptions options)
    {
        _next = next;
        _ignored = options.IgnoredPrefixes.ToArray();
        _slowTicks = (long)(options.SlowThreshold.TotalSeconds * Stopwatch.Frequency);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        foreach (string prefix in _ignored)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                await _next(context);
                return;
            }
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            long elapsed = Stopwatch.GetTimestamp() - start;
            var stats = _stats.GetOrAdd(RouteKey(path), static _ => new RouteStats());
            Interlocked.Increment(ref stats.Requests.Value);
            Interlocked.Add(ref stats.TotalTicks.Value, elapsed);
            if (elapsed > _slowTicks)
            {
                Interlocked.Increment(ref stats.Slow.Value);
            }
        }
    }

    public IReadOnlyDictionary<string, (long Requests, double MeanMs, long Slow)> Snapshot() =>
        _stats.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                long n = Interlocked.Read(ref kv.Value.Requests.Value);
                long ticks = Interlocked.Read(ref kv.Value.TotalTicks.Value);
                return (n, n == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / n, Interlocked.Read(ref kv.Value.Slow.Value));
            });

    private static string RouteKey(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', segments.Select(s => s.All(char.IsDigit) ? "{id}" : s));
    }

    private sealed class RouteStats
    {
        public readonly StrongBox<long> Requests = new();
        public readonly StrongBox<long> TotalTicks = new();
        public readonly StrongBox<long> Slow = new();
    }
}
