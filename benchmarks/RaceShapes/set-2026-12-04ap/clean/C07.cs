using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind42.WeatherStations.Barometry;

public interface IBarometer
{
    Task<double> ReadHectopascalsAsync(CancellationToken cancellationToken);
}

public sealed record PressureSummary(int Samples, double Minimum, double Maximum, double Latest, DateTimeOffset? LastSampleAt);

/// <summary>
/// Hosted service sampling the station barometer every thirty seconds. The status endpoint
/// reads <see cref="GetSummary"/> from request threads.
/// </summary>
public sealed class BarometerSamplingService : BackgroundService
{
    private readonly IBarometer _barometer;
    private readonly ILogger<BarometerSamplingService> _logger;
    private readonly object _statsLock = new();
    private int _samples;
    private double _min = double.MaxValue;
    private double _max = double.MinValue;
    private double _latest;
    private DateTimeOffset? _lastSampleAt;

    public BarometerSamplingService(IBarometer barometer, ILogger<BarometerSamplingService> logger)
    {
        _barometer = barometer;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                var hpa = await _barometer.ReadHectopascalsAsync(stoppingToken);
                Record(hpa);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Barometer read failed; will retry on next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Record(double hpa)
    {
        lock (_statsLock)
        {
            _samples++;
            _min = Math.Min(_min, hpa);
            _max = Math.Max(_max, hpa);
            _latest = hpa;
            _lastSampleAt = DateTimeOffset.UtcNow;
        }
    }

    public PressureSummary GetSummary()
    {
        lock (_statsLock)
        {
            return new PressureSummary(_samples, _min, _max, _latest, _lastSampleAt);
        }
    }

    public void ResetExtremes()
    {
        lock (_statsLock)
        {
            _min = double.MaxValue;
            _max = double.MinValue;
        }
    }
}

/// <summary>Classifies the pressure tendency for the station bulletin.</summary>
public static class PressureTendency
{
    public static string Describe(PressureSummary summary) =>
        summary.Samples < 2 ? "unknown"
        : summary.Maximum - summary.Minimum < 1.0 ? "steady"
        : summary.Latest >= summary.Maximum - 0.5 ? "rising"
        : "falling";
}
