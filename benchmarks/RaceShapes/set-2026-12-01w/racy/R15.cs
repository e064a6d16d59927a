using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Onsen.Monitoring.Springs;

public struct SpringSample
{
    public double Celsius;
    public double FlowLitresPerMinute;
    public DateTimeOffset TakenAt;
}

/// <summary>
/// Samples the source pool thermometer every few seconds and keeps the latest value
/// for the front-desk display endpoint. Registered as a singleton and as a hosted service.
/// </summary>
public sealed class SpringTemperatureLogger : IHostedService, IDisposable
{
    private readonly System.Timers.Timer _timer = new(5000);
    private readonly Func<(double Celsius, double Flow)> _probe;
    private readonly ILogger<SpringTemperatureLogger> _logger;
    private SpringSample _latest;

    public SpringTemperatureLogger(Func<(double Celsius, double Flow)> probe, ILogger<SpringTemperatureLogger> logger)
    {
        _probe = probe;
        _logger = logger;
        _timer.Elapsed += OnElapsed;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer.Stop();
        return Task.CompletedTask;
    }

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        try
        {
            var (celsius, flow) = _probe();
            _latest = new SpringSample
            {
                Celsius = celsius,
                FlowLitresPerMinute = flow,
                TakenAt = DateTimeOffset.UtcNow,
            };

            if (celsius > 46.0)
            {
                _logger.LogWarning("Source pool at {Celsius:F1} C, mixing valve should open", celsius);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Thermometer probe failed");
        }
    }

    /// <summary>Used by GET /api/spring/latest.</summary>
    public SpringSample Latest() => _latest;

    public void Dispose() => _timer.Dispose();
}
