using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind65.GondolaLifts.Health;

public interface IDriveStation
{
    Task<(double RopeSpeed, double MotorTempC)> ProbeAsync(CancellationToken token);
}

public sealed record DriveProbeResult(DateTimeOffset At, bool Reachable, double RopeSpeed, double MotorTempC, string? Error);

/// <summary>
/// Probes the gondola drive station in the background and keeps the latest
/// result for the health endpoint, which is hit by the load balancer every few seconds.
/// </summary>
public sealed class DriveStationProbe : BackgroundService, IHealthCheck
{
    private readonly IDriveStation _station;
    private DriveProbeResult? _latest;

    public DriveStationProbe(IDriveStation station) => _station = station;

    public event Action<DriveProbeResult>? ProbeCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        do
        {
            DriveProbeResult result;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var (speed, temp) = await _station.ProbeAsync(timeout.Token);
                result = new DriveProbeResult(DateTimeOffset.UtcNow, true, speed, temp, null);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                result = new DriveProbeResult(DateTimeOffset.UtcNow, false, 0, 0, ex.Message);
            }

            Volatile.Write(ref _latest, result);
            ProbeCompleted?.Invoke(result);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("Drive station not probed yet."));
        }
        if (!latest.Reachable)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Drive station unreachable: {latest.Error}"));
        }
        if (DateTimeOffset.UtcNow - latest.At > TimeSpan.FromMinutes(1))
        {
            return Task.FromResult(HealthCheckResult.Degraded("Drive station probe is stale."));
        }
        return Task.FromResult(latest.MotorTempC > 95
            ? HealthCheckResult.Degraded($"Motor running hot at {latest.MotorTempC:F0} C")
            : HealthCheckResult.Healthy($"Rope at {latest.RopeSpeed:F1} m/s"));
    }
}
