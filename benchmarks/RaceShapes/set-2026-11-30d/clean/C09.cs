using System.Diagnostics;

namespace Blind4.Clean.Health.Checks;

public enum HealthStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}

public sealed record HealthReport(HealthStatus Status, string Description, TimeSpan Duration, DateTime CheckedAtUtc);

/// <summary>
/// Pings the primary database. Registered as a singleton; the /health/ready endpoint invokes
/// <see cref="CheckAsync"/> for each probe, and load balancers probe several times per second.
/// </summary>
public sealed class DatabaseHealthCheck
{
    private readonly Func<CancellationToken, Task> _ping;
    private readonly TimeSpan _degradedThreshold;
    private readonly TimeSpan _cacheDuration;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile HealthReport? _last;

    public DatabaseHealthCheck(Func<CancellationToken, Task> ping, TimeSpan degradedThreshold, TimeSpan cacheDuration)
    {
        _ping = ping;
        _degradedThreshold = degradedThreshold;
        _cacheDuration = cacheDuration;
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var cached = _last;
        if (IsFresh(cached))
        {
            return cached!;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another probe may have refreshed the result while we were waiting.
            cached = _last;
            if (IsFresh(cached))
            {
                return cached!;
            }

            var report = await RunPingAsync(cancellationToken).ConfigureAwait(false);
            _last = report;
            return report;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private bool IsFresh(HealthReport? report) =>
        report is not null && DateTime.UtcNow - report.CheckedAtUtc < _cacheDuration;

    private async Task<HealthReport> RunPingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _ping(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return elapsed > _degradedThreshold
                ? new HealthReport(HealthStatus.Degraded, $"Slow response ({elapsed.TotalMilliseconds:F0} ms)", elapsed, DateTime.UtcNow)
                : new HealthReport(HealthStatus.Healthy, "OK", elapsed, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthReport(HealthStatus.Unhealthy, ex.Message, Stopwatch.GetElapsedTime(started), DateTime.UtcNow);
        }
    }
}
