using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind52.SaltMarsh.Sluices;

public sealed record SluiceSensorHealth(bool Reachable, double LastLevelM, DateTimeOffset CheckedAt, string? Error);

public interface ISluiceSensor
{
    Task<double> ReadLevelAsync(CancellationToken ct);
}

/// <summary>
/// Polls the marsh's sluice-gate level sensor and reports its state to the
/// health endpoint. Runs as a hosted service and doubles as the health check.
/// </summary>
public sealed class SluiceSensorMonitor : BackgroundService, IHealthCheck
{
    private readonly ISluiceSensor _sensor;
    private readonly ILogger<SluiceSensorMonitor> _logger;
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(30);
    private SluiceSensorHealth? _latest;

    public SluiceSensorMonitor(ISluiceSensor sensor, ILogger<SluiceSensorMonitor> logger)
    {
        _sensor = sensor;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            SluiceSensorHealth health;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                double level = await _sensor.ReadLevelAsync(attempt.Token).ConfigureAwait(false);
                health = new SluiceSensorHealth(true, level, DateTimeOffset.UtcNow, null);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Sluice sensor read failed");
                health = new SluiceSensorHealth(false, double.NaN, DateTimeOffset.UtcNow, ex.Message);
            }

            Volatile.Write(ref _latest, health);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = Volatile.Read(ref _latest);
        if (health is null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No reading yet"));
        }

        var data = new Dictionary<string, object>
        {
            ["levelM"] = health.LastLevelM,
            ["checkedAt"] = health.CheckedAt,
        };

        if (!health.Reachable)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(health.Error, data: data));
        }

        return Task.FromResult(DateTimeOffset.UtcNow - health.CheckedAt > 3 * _interval
            ? HealthCheckResult.Degraded("Reading is stale", data: data)
            : HealthCheckResult.Healthy("Sluice sensor reachable", data));
    }
}

public static class SluiceMonitoringRegistration
{
    public static IServiceCollection AddSluiceMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<SluiceSensorMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SluiceSensorMonitor>());
        services.AddHealthChecks().AddCheck<SluiceSensorMonitor>("sluice-sensor");
        return services;
    }
}
