using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Blind53.SnowGroomers.Api;

/// <summary>
/// Request statistics for the grooming-plan API. Readers expect count, total, max and
/// error count to describe the same set of requests.
/// </summary>
public struct LatencyStats
{
    public long Requests;
    public long Errors;
    public double TotalMilliseconds;
    public double MaxMilliseconds;

    public readonly double MeanMilliseconds => Requests == 0 ? 0 : TotalMilliseconds / Requests;

    public void Add(double milliseconds, bool failed)
    {
        Requests++;
        TotalMilliseconds += milliseconds;
        if (milliseconds > MaxMilliseconds)
        {
            MaxMilliseconds = milliseconds;
        }

        if (failed)
        {
            Errors++;
        }
    }
}

/// <summary>
/// Collects latency statistics for every request. Registered as a singleton and shared by
/// the middleware and the /stats endpoint.
/// </summary>
public sealed class GroomingApiStats
{
    private readonly object _gate = new();
    private LatencyStats _current;

    public void Record(double milliseconds, bool failed)
    {
        lock (_gate)
        {
            _current.Add(milliseconds, failed);
        }
    }

    /// <summary>Returns a copy of the statistics so far.</summary>
    public LatencyStats Snapshot()
    {
        lock (_gate)
        {
            return _current;
        }
    }

    /// <summary>Returns the statistics so far and starts a new interval.</summary>
    public LatencyStats SnapshotAndReset()
    {
        lock (_gate)
        {
            var copy = _current;
            _current = default;
            return copy;
        }
    }
}

public sealed class GroomingStatsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly GroomingApiStats _stats;

    public GroomingStatsMiddleware(RequestDelegate next, GroomingApiStats stats)
    {
        _next = next;
        _stats = stats;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        bool failed = true;
        try
        {
            await _next(context);
            failed = context.Response.StatusCode >= 500;
        }
        finally
        {
            _stats.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, failed);
        }
    }
}

public static class StatsEndpoint
{
    public static IResult Get(GroomingApiStats stats)
    {
        var s = stats.Snapshot();
        return Results.Ok(new
        {
            s.Requests,
            s.Errors,
            mean = s.MeanMilliseconds,
            max = s.MaxMilliseconds,
        });
    }
}
