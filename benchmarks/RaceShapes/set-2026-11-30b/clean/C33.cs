using System.Diagnostics;

namespace Blind2.C33;

public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public interface IHealthCheck
{
    string Name { get; }
    Task<HealthStatus> CheckAsync(CancellationToken ct);
}

public sealed record HealthEntry(string Name, HealthStatus Status, TimeSpan Duration, string? Error);

public sealed record HealthReport(HealthStatus Overall, IReadOnlyList<HealthEntry> Entries, DateTime GeneratedUtc);

/// <summary>
/// Backs the /health endpoint. Runs all registered checks concurrently and
/// caches the report for a few seconds so that load-balancer probes do not
/// hammer the dependencies.
/// </summary>
public sealed class HealthReporter
{
    private readonly IReadOnlyList<IHealthCheck> _checks;
    private readonly TimeSpan _cacheFor;
    private HealthReport? _cached;

    public HealthReporter(IEnumerable<IHealthCheck> checks, TimeSpan cacheFor)
    {
        _checks = checks.ToArray();
        _cacheFor = cacheFor;
    }

    public async Task<HealthReport> GetReportAsync(CancellationToken ct)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && DateTime.UtcNow - cached.GeneratedUtc < _cacheFor)
            return cached;

        var entries = await Task.WhenAll(_checks.Select(c => RunCheckAsync(c, ct))).ConfigureAwait(false);

        var overall = entries.Length == 0
            ? HealthStatus.Healthy
            : entries.Max(e => e.Status);

        var report = new HealthReport(overall, entries, DateTime.UtcNow);
        Volatile.Write(ref _cached, report);
        return report;
    }

    private static async Task<HealthEntry> RunCheckAsync(IHealthCheck check, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var status = await check.CheckAsync(timeout.Token).ConfigureAwait(false);
            return new HealthEntry(check.Name, status, sw.Elapsed, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new HealthEntry(check.Name, HealthStatus.Unhealthy, sw.Elapsed, "Timed out");
        }
        catch (Exception ex)
        {
            return new HealthEntry(check.Name, HealthStatus.Unhealthy, sw.Elapsed, ex.Message);
        }
    }
}
