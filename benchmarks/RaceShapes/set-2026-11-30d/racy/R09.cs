using System.Diagnostics;

namespace Blind4.Health.Checks;

public enum HealthStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}

public readonly struct HealthReport
{
    public HealthReport(HealthStatus status, string description, TimeSpan duration, DateTime checkedAtUtc)
    {
        Status = status;
        Description = description;
        Duration = duration;
        CheckedAtUtc = checkedAtUtc;
    }

    public HealthStatus Status { get; }

    public string? Description { get; }

    public TimeSpan Duration { get; }

    public DateTime CheckedAtUtc { get; }
}

/// <summary>
/// Pings the primary database. Registered as a singleton; the /health/ready endpoint invokes
/// <see cref="CheckAsync"/> for each probe, and load balancers probe several times per second.
/// </summary>
public sealed class DatabaseHealthCheck
{
    private readonly Func<CancellationToken, Task> _ping;
    private readonly TimeSpan _degradedThreshold;
    private readonly TimeSpan _cacheDuration;
    private HealthReport _last;

    public DatabaseHealthCheck(Func<CancellationToken, Task> ping, TimeSpan degradedThreshold, TimeSpan cacheDuration)
    {
        _ping = ping;
        _degradedThreshold = degradedThreshold;
        _cacheDuration = cacheDuration;
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var cached = _last;
        if (cached.Description is not null && DateTime.UtcNow - cached.CheckedAtUtc < _cacheDuration)
        {
            return cached;
        }

        var started = Stopwatch.GetTimestamp();
        HealthReport report;
        try
        {
            await _ping(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            report = elapsed > _degradedThreshold
                ? new HealthReport(HealthStatus.Degraded, $"Slow response ({elapsed.TotalMilliseconds:F0} ms)", elapsed, DateTime.UtcNow)
                : new HealthReport(HealthStatus.Healthy, "OK", elapsed, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report = new HealthReport(HealthStatus.Unhealthy, ex.Message, Stopwatch.GetElapsedTime(started), DateTime.UtcNow);
        }

        _last = report;
        return report;
    }
}
