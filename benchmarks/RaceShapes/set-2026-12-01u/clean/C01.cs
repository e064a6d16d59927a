using System.Collections.Concurrent;

namespace GlacierTelemetry.Health;

public sealed record StationHeartbeat(string StationId, DateTimeOffset At, double BatteryVolts);

/// <summary>
/// Tracks gateway heartbeats for the glacier sensor network. Registered as a singleton;
/// the heartbeat endpoint is hit by hundreds of stations in parallel.
/// </summary>
public sealed class StationHealthRegistry
{
    private readonly ConcurrentDictionary<string, StationHeartbeat> _latest = new();
    private long _heartbeatsReceived;
    private long _lowBatteryAlerts;

    public long HeartbeatsReceived => Interlocked.Read(ref _heartbeatsReceived);
    public long LowBatteryAlerts => Interlocked.Read(ref _lowBatteryAlerts);

    public void Report(StationHeartbeat beat)
    {
        Interlocked.Increment(ref _heartbeatsReceived);

        _latest.AddOrUpdate(
            beat.StationId,
            beat,
            (_, existing) => existing.At >= beat.At ? existing : beat);

        if (beat.BatteryVolts < 11.6)
            Interlocked.Increment(ref _lowBatteryAlerts);
    }

    public IReadOnlyList<string> SilentStations(DateTimeOffset now, TimeSpan threshold)
    {
        var silent = new List<string>();
        foreach (var (id, beat) in _latest)
        {
            if (now - beat.At > threshold)
                silent.Add(id);
        }
        silent.Sort(StringComparer.Ordinal);
        return silent;
    }

    public StationHeartbeat? Get(string stationId) =>
        _latest.TryGetValue(stationId, out var beat) ? beat : null;
}

public static class StationHealthEndpoints
{
    public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, StationHealthRegistry registry)
    {
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/heartbeat",
            (StationHeartbeat beat) => { registry.Report(beat); return Microsoft.AspNetCore.Http.Results.NoContent(); });
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/stations/silent",
            () => Microsoft.AspNetCore.Http.Results.Ok(registry.SilentStations(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30))));
    }
}
