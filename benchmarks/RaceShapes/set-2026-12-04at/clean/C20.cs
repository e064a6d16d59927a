using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind46.CheeseCave.Climate;

public sealed record CaveClimate(DateTime Utc, double HumidityPercent, double TemperatureC);

public interface IClimateSensor
{
    Task<CaveClimate> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Polls the cave's climate sensor and keeps the latest reading for the affineur's
/// dashboard and the ripening API. Registered as a hosted service and a singleton.
/// </summary>
public sealed class CaveClimatePoller : BackgroundService
{
    private readonly IClimateSensor _sensor;
    private readonly ILogger<CaveClimatePoller> _logger;
    private readonly TimeSpan _interval;
    private CaveClimate? _latest;
    private int _consecutiveAlerts;
    private long _pollCount;

    public CaveClimatePoller(IClimateSensor sensor, ILogger<CaveClimatePoller> logger, TimeSpan interval)
    {
        _sensor = sensor;
        _logger = logger;
        _interval = interval;
    }

    public CaveClimate? Latest => Volatile.Read(ref _latest);

    public int ConsecutiveAlerts => Volatile.Read(ref _consecutiveAlerts);

    public long PollCount => Interlocked.Read(ref _pollCount);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                CaveClimate reading;
                try
                {
                    reading = await _sensor.ReadAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    _logger.LogWarning(ex, "Climate sensor read failed");
                    continue;
                }

                Interlocked.Increment(ref _pollCount);
                Volatile.Write(ref _latest, reading);

                bool outOfBand = reading.HumidityPercent is < 85 or > 98 || reading.TemperatureC is < 8 or > 14;
                int alerts = outOfBand ? Volatile.Read(ref _consecutiveAlerts) + 1 : 0;
                Volatile.Write(ref _consecutiveAlerts, alerts);

                if (alerts == 3)
                    _logger.LogError("Cave climate out of band for three polls: {Humidity}% {Temp}°C", reading.HumidityPercent, reading.TemperatureC);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
