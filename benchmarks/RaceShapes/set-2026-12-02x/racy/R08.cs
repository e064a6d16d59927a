using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind24.FrostFans;

public struct FanTelemetry
{
    public double AirTemperatureC;
    public double InversionDeltaC;
    public int BladeRpm;
    public DateTimeOffset SampledAt;
}

public interface IFanController
{
    Task<FanTelemetry> ReadAsync(CancellationToken ct);
    Task SetRunningAsync(bool running, CancellationToken ct);
}

/// <summary>
/// Polls a vineyard frost fan every few seconds and switches it on when the
/// inversion layer is warm enough to be worth mixing down. The latest reading is
/// exposed to the status page.
/// </summary>
public sealed class FrostFanMonitor : BackgroundService
{
    private readonly IFanController _fan;
    private readonly ILogger<FrostFanMonitor> _logger;
    private FanTelemetry _latest;
    private volatile bool _running;

    public FrostFanMonitor(IFanController fan, ILogger<FrostFanMonitor> logger)
    {
        _fan = fan;
        _logger = logger;
    }

    public bool Running => _running;

    /// <summary>Used by the status page controller.</summary>
    public string DescribeLatest()
    {
        var t = _latest;
        return $"{t.AirTemperatureC:F1} °C, inversion +{t.InversionDeltaC:F1} °C, {t.BladeRpm} rpm at {t.SampledAt:HH:mm:ss}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            FanTelemetry sample;
            try
            {
                sample = await _fan.ReadAsync(stoppingToken);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Fan telemetry read failed");
                continue;
            }

            _latest = sample;

            bool shouldRun = sample.AirTemperatureC < 0.5 && sample.InversionDeltaC > 1.5;
            if (shouldRun != _running)
            {
                await _fan.SetRunningAsync(shouldRun, stoppingToken);
                _running = shouldRun;
                _logger.LogInformation("Frost fan {State}", shouldRun ? "started" : "stopped");
            }
        }
    }
}
