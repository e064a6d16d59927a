using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Blind34.CiderPress.Web;

/// <summary>
/// Request statistics for the cider press booking site. Registered as a
/// singleton and updated by the middleware on every request.
/// </summary>
public sealed class PressSiteStats
{
    private readonly object _gate = new();
    private readonly Dictionary<int, long> _byStatus = new();
    private long _requests;
    private long _totalMicros;

    public void Record(int status, long micros)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _totalMicros, micros);
        lock (_gate)
        {
            _byStatus[status] = _byStatus.TryGetValue(status, out var n) ? n + 1 : 1;
        }
    }

    public object Snapshot()
    {
        Dictionary<int, long> byStatus;
        lock (_gate)
        {
            byStatus = new Dictionary<int, long>(_byStatus);
        }

        var requests = Interlocked.Read(ref _requests);
        var micros = Interlocked.Read(ref _totalMicros);
        return new { requests, meanMicros = requests == 0 ? 0 : micros / requests, byStatus };
    }
}

/// <summary>Times each request and records it in the site statistics.</summary>
public sealed class PressTimingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PressSiteStats _stats;

    public PressTimingMiddleware(RequestDelegate next, PressSiteStats stats)
    {
        _next = next;
        _stats = stats;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        context.Items["press.started"] = started;
        try
        {
            await _next(context);
        }
        finally
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            _stats.Record(context.Response.StatusCode, (long)elapsed.TotalMicroseconds);
        }
    }
}

public static class PressSiteSetup
{
    public static IServiceCollection AddPressSite(this IServiceCollection services) =>
        services.AddSingleton<PressSiteStats>();

    public static IApplicationBuilder UsePressSite(this IApplicationBuilder app)
    {
        app.UseMiddleware<PressTimingMiddleware>();
        app.Map("/stats", branch => branch.Run(async ctx =>
        {
            var stats = ctx.RequestServices.GetRequiredService<PressSiteStats>();
            await ctx.Response.WriteAsJsonAsync(stats.Snapshot());
        }));
        return app;
    }
}
