using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind66.SkiPatrol.Radio;

public interface IRadioRepeater
{
    Task<TimeSpan> PingAsync(CancellationToken ct);
}

public sealed record RepeaterStatus(bool Reachable, TimeSpan? RoundTrip, int ConsecutiveFailures, DateTimeOffset CheckedAt);

/// <summary>
/// Probes the summit radio repeater in the background. The latest result is exposed to the
/// health endpoint and the patrol room dashboard.
/// </summary>
public sealed class RepeaterProbe : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    private readonly IRadioRepeater _repeater;
    private readonly TimeProvider _clock;
    private readonly ILogger<RepeaterProbe> _logger;
    private RepeaterStatus _latest = new(false, null, 0, DateTimeOffset.MinValue);

    public RepeaterProbe(IRadioRepeater repeater, TimeProvider clock, ILogger<RepeaterProbe> logger)
    {
        _repeater = repeater;
        _clock = clock;
        _logger = logger;
    }

    public RepeaterStatus Latest => Volatile.Read(ref _latest);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _clock);
        var failures = 0;
        do
        {
            TimeSpan? roundTrip = null;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var ping = _repeater.PingAsync(attempt.Token);
                var winner = await Task.WhenAny(ping, Task.Delay(PingTimeout, _clock, stoppingToken));
                if (winner == ping && ping.IsCompletedSuccessfully)
                {
                    roundTrip = ping.Result;
                }
                else
                {
                    attempt.Cancel();
                    _ = ping.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                }
            }

            failures = roundTrip is null ? failures + 1 : 0;
            var status = new RepeaterStatus(roundTrip is not null, roundTrip, failures, _clock.GetUtcNow());
            Volatile.Write(ref _latest, status);

            if (failures == 3)
            {
                _logger.LogWarning("Summit repeater unreachable for {Failures} probes", failures);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Reports the probe's latest result through the standard health endpoint.</summary>
public sealed class RepeaterHealthCheck : IHealthCheck
{
    private readonly RepeaterProbe _probe;

    public RepeaterHealthCheck(RepeaterProbe probe) => _probe = probe;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = _probe.Latest;
        var result = status switch
        {
            { Reachable: true } => HealthCheckResult.Healthy($"Round trip {status.RoundTrip?.TotalMilliseconds:F0} ms"),
            { ConsecutiveFailures: < 3 } => HealthCheckResult.Degraded($"{status.ConsecutiveFailures} missed probes"),
            _ => HealthCheckResult.Unhealthy("Summit repeater unreachable"),
        };
        return Task.FromResult(result);
    }
}
