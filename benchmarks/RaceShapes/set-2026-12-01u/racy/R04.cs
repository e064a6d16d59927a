using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MushroomFarm.Climate;

public readonly struct HumidityReading
{
    public HumidityReading(int roomId, double relativeHumidity, double temperatureC, DateTime takenAtUtc)
    {
        RoomId = roomId;
        RelativeHumidity = relativeHumidity;
        TemperatureC = temperatureC;
        TakenAtUtc = takenAtUtc;
    }

    public int RoomId { get; }
    public double RelativeHumidity { get; }
    public double TemperatureC { get; }
    public DateTime TakenAtUtc { get; }
}

public interface IGrowRoomProbe
{
    Task<HumidityReading> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Polls the grow-room probe and keeps the most recent reading for the status page.
/// Registered both as a hosted service and as a singleton so the status endpoint can read it.
/// </summary>
public sealed class HumidityMonitor : BackgroundService
{
    private readonly IGrowRoomProbe _probe;
    private readonly ILogger<HumidityMonitor> _logger;
    private HumidityReading _latest;

    public HumidityMonitor(IGrowRoomProbe probe, ILogger<HumidityMonitor> logger)
    {
        _probe = probe;
        _logger = logger;
    }

    /// <summary>Called by the status endpoint on request threads.</summary>
    public HumidityReading Latest => _latest;

    public bool NeedsMisting(double targetRh) => Latest.RelativeHumidity < targetRh - 3.0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                var reading = await _probe.ReadAsync(stoppingToken);
                _latest = reading;
                if (reading.RelativeHumidity > 95)
                    _logger.LogWarning("Room {Room} is saturated: {Rh}%", reading.RoomId, reading.RelativeHumidity);
            }
            catch (IOException ex)
            {
                _logger.LogError(ex, "Probe read failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
