using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind31.GlacierResearchStations.Melt;

public readonly record struct MeltReading(double SurfaceTempC, double MeltRateMmPerHour, double AblationStakeCm, DateTimeOffset TakenAt);

public interface IMeltSensor
{
    ValueTask<MeltReading> SampleAsync(CancellationToken ct);
}

/// <summary>
/// Holds the most recent melt reading for the station's status API. Registered as a
/// singleton; the sampling service writes it and request handlers read it.
/// </summary>
public sealed class MeltReadingCache
{
    private MeltReading _latest;

    public MeltReading Latest => _latest;

    internal void Update(MeltReading reading)
    {
        _latest = reading;
    }
}

/// <summary>Samples the melt sensors every few seconds.</summary>
public sealed class MeltSamplingService : BackgroundService
{
    private readonly IMeltSensor _sensor;
    private readonly MeltReadingCache _cache;
    private readonly ILogger<MeltSamplingService> _logger;

    public MeltSamplingService(IMeltSensor sensor, MeltReadingCache cache, ILogger<MeltSamplingService> logger)
    {
        _sensor = sensor;
        _cache = cache;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var reading = await _sensor.SampleAsync(stoppingToken);
                _cache.Update(reading);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Melt sensor sample failed");
            }
        }
    }
}

/// <summary>Status endpoint logic used by the station's dashboard.</summary>
public sealed class MeltStatusEndpoint
{
    private readonly MeltReadingCache _cache;

    public MeltStatusEndpoint(MeltReadingCache cache)
    {
        _cache = cache;
    }

    public string Describe()
    {
        var reading = _cache.Latest;
        if (reading.TakenAt == default)
        {
            return "No melt reading yet";
        }

        string alert = reading.SurfaceTempC > 0 && reading.MeltRateMmPerHour > 2 ? " MELT ALERT" : string.Empty;
        return $"{reading.TakenAt:u}: {reading.SurfaceTempC:F1} C, {reading.MeltRateMmPerHour:F2} mm/h, stake {reading.AblationStakeCm:F0} cm{alert}";
    }
}
