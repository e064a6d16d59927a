using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Blind27.PaperMills.Api;

/// <summary>
/// Per-route request counters for the mill's order API. Registered as a singleton and
/// updated by <see cref="RouteCountingMiddleware"/> on every request.
/// </summary>
public sealed class RouteCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.OrdinalIgnoreCase);

    public void Increment(string route)
    {
        var box = _counts.GetOrAdd(route, static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(kv => kv.Key, kv => Interlocked.Read(ref kv.Value.Value));
}

/// <summary>
/// Middleware that records which route each request hit and flags slow requests.
/// </summary>
public sealed class RouteCountingMiddleware
{
    private const string StartedKey = "paper-mill.started";

    private readonly RequestDelegate _next;
    private readonly RouteCounters _counters;

    public RouteCountingMiddleware(RequestDelegate next, RouteCounters counters)
    {
        _next = next;
        _counters = counters;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        context.Items[StartedKey] = DateTime.UtcNow;
        try
        {
            await _next(context);
        }
        finally
        {
            var route = NormaliseRoute(context.Request.Path);
            _counters.Increment(route);

            if (context.Items[StartedKey] is DateTime started && DateTime.UtcNow - started > TimeSpan.FromSeconds(2))
            {
                _counters.Increment("slow:" + route);
            }
        }
    }

    private static string NormaliseRoute(PathString path)
    {
        var segments = (path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].All(char.IsDigit))
            {
                segments[i] = "{id}";
            }
        }

        return "/" + string.Join('/', segments);
    }
}
