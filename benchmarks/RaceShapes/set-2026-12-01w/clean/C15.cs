using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Onsen.Monitoring.Pools;

public sealed record PoolSample(double Celsius, double FlowLitresPerMinute, DateTimeOffset TakenAt);

/// <summary>
/// Samples the bathing pool thermometer and keeps the latest reading plus a short log
/// for the front-desk endpoints. Registered as a singleton and as a hosted service.
/// </summary>
public sealed class PoolTemperatureSampler : BackgroundService
{
    private readonly Func<(double Celsius, double Flow)> _probe;
    private readonly ILogger<PoolTemperatureSampler> _logger;
    private readonly object _logLock = new();
    private readonly Queue<PoolSample> _log = new();
    private PoolSample? _latest;

    public PoolTemperatureSampler(Func<(double Celsius, double Flow)> probe, ILogger<PoolTemperatureSampler> logger)
    {
        _probe = probe;
        _logger = logger;
    }

    public PoolSample? Latest => Volatile.Read(ref _latest);

    public IReadOnlyList<PoolSample> RecentLog()
    {
        lock (_logLock)
        {
            return _log.ToArray();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                PoolSample sample;
                try
                {
                    var (celsius, flow) = _probe();
                    sample = new PoolSample(celsius, flow, DateTimeOffset.UtcNow);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Thermometer probe failed");
                    continue;
                }

                Volatile.Write(ref _latest, sample);
                lock (_logLock)
                {
                    _log.Enqueue(sample);
                    while (_log.Count > 720)
                    {
                        _log.Dequeue();
                    }
                }

                if (sample.Celsius > 44.0)
                {
                    _logger.LogWarning("Pool at {Celsius:F1} C", sample.Celsius);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
