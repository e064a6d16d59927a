using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind24.TideGaugeApi;

/// <summary>
/// Middleware for the tide gauge public API. It tags every request with the station
/// it concerns and records request timings. ASP.NET Core creates one instance for
/// the application and invokes it for every request concurrently.
/// </summary>
public sealed class StationRequestMiddleware
{
    private const string StationItemKey = "tide.station";
    private readonly RequestDelegate _next;
    private readonly ILogger<StationRequestMiddleware> _logger;
    private readonly IReadOnlySet<string> _knownStations;
    private long _requests;
    private long _unknownStation;
    private long _totalTicks;

    public StationRequestMiddleware(RequestDelegate next, ILogger<StationRequestMiddleware> logger, IEnumerable<string> knownStations)
    {
        _next = next;
        _logger = logger;
        _knownStations = new HashSet<string>(knownStations, StringComparer.OrdinalIgnoreCase);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);

        string? station = context.Request.RouteValues.TryGetValue("station", out var value) ? value?.ToString() : null;
        if (station is not null)
        {
            if (!_knownStations.Contains(station))
            {
                Interlocked.Increment(ref _unknownStation);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync($"Unknown station '{station}'.");
                return;
            }

            context.Items[StationItemKey] = station.ToUpperInvariant();
        }

        try
        {
            await _next(context);
        }
        finally
        {
            long elapsed = Stopwatch.GetTimestamp() - started;
            Interlocked.Add(ref _totalTicks, elapsed);
            if (elapsed > Stopwatch.Frequency)
            {
                _logger.LogWarning("Slow request for station {Station}: {Path} took {Ms} ms",
                    station, context.Request.Path, elapsed * 1000 / Stopwatch.Frequency);
            }
        }
    }

    public (long Requests, long UnknownStation, double MeanMs) Stats()
    {
        long requests = Interlocked.Read(ref _requests);
        long ticks = Interlocked.Read(ref _totalTicks);
        return (requests, Interlocked.Read(ref _unknownStation),
            requests == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / requests);
    }

    public static string? StationOf(HttpContext context) =>
        context.Items.TryGetValue(StationItemKey, out var s) ? s as string : null;
}
