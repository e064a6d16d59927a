using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind63.BalloonMeet.Health;

public interface IMetStationClient
{
    Task<(double WindKnots, double CloudBaseFeet)> CurrentAsync(CancellationToken ct);
}

public sealed record MetProbeResult(bool Reachable, double WindKnots, double CloudBaseFeet, DateTimeOffset CheckedAt, string? Error);

/// <summary>
/// Probes the meet's weather station once a minute so the launch-control
/// health endpoint can report whether live met data is available.
/// </summary>
public sealed class MetStationProbe : BackgroundService
{
    private readonly IMetStationClient _client;
    private readonly ILogger<MetStationProbe> _logger;
    private MetProbeResult _latest = new(false, 0, 0, DateTimeOffset.MinValue, "not yet probed");

    public MetStationProbe(IMetStationClient client, ILogger<MetStationProbe> logger)
    {
        _client = client;
        _logger = logger;
    }

    public MetProbeResult Latest => Volatile.Read(ref _latest);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            MetProbeResult result;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var (wind, cloud) = await _client.CurrentAsync(timeout.Token);
                result = new MetProbeResult(true, wind, cloud, DateTimeOffset.UtcNow, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Met station probe failed");
                result = new MetProbeResult(false, 0, 0, DateTimeOffset.UtcNow, ex.Message);
            }

            Volatile.Write(ref _latest, result);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class MetStationHealthCheck : IHealthCheck
{
    private readonly MetStationProbe _probe;

    public MetStationHealthCheck(MetStationProbe probe) => _probe = probe;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var latest = _probe.Latest;
        var age = DateTimeOffset.UtcNow - latest.CheckedAt;

        if (!latest.Reachable)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(latest.Error ?? "unreachable"));
        }
        if (age > TimeSpan.FromMinutes(5))
        {
            return Task.FromResult(HealthCheckResult.Degraded($"met data is {age.TotalMinutes:F0} minutes old"));
        }
        return Task.FromResult(HealthCheckResult.Healthy($"wind {latest.WindKnots} kn, cloud base {latest.CloudBaseFeet} ft"));
    }
}
