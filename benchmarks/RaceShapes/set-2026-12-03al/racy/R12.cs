using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind38.CheeseCaves.Climate;

public struct CaveClimate
{
    public double TemperatureC;
    public double RelativeHumidity;
    public double Co2Ppm;
    public DateTime MeasuredUtc;
}

public interface ICaveProbe
{
    Task<(double TempC, double Rh, double Co2)> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Samples the ripening cave's probe every few seconds. Registered as a singleton and as
/// a hosted service; the affineur dashboard controllers call <see cref="Current"/> and
/// <see cref="IsWithinRecipe"/> from request threads.
/// </summary>
public sealed class CaveClimateMonitor : BackgroundService
{
    private readonly ICaveProbe _probe;
    private readonly ILogger<CaveClimateMonitor> _logger;
    private CaveClimate _latest;

    public CaveClimateMonitor(ICaveProbe probe, ILogger<CaveClimateMonitor> logger)
    {
        _probe = probe;
        _logger = logger;
    }

    public CaveClimate Current => _latest;

    public bool IsWithinRecipe(double minTempC, double maxTempC, double minRh)
    {
        var climate = Current;
        if (DateTime.UtcNow - climate.MeasuredUtc > TimeSpan.FromMinutes(2))
        {
            return false;
        }

        return climate.TemperatureC >= minTempC
            && climate.TemperatureC <= maxTempC
            && climate.RelativeHumidity >= minRh;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                var (temp, rh, co2) = await _probe.ReadAsync(stoppingToken);
                _latest = new CaveClimate
                {
                    TemperatureC = temp,
                    RelativeHumidity = rh,
                    Co2Ppm = co2,
                    MeasuredUtc = DateTime.UtcNow,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Cave probe read failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
