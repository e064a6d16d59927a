using System.Diagnostics;

namespace Ops.Health;

public enum HealthStatus
{
    Unhealthy = 0,
    Degraded = 1,
    Healthy = 2
}

public sealed record HealthCheckResult(HealthStatus Status, string? Description = null, Exception? Exception = null);

public sealed record HealthReportEntry(string Name, HealthStatus Status, TimeSpan Duration, string? Description);

public sealed record HealthReport(HealthStatus Status, IReadOnlyList<HealthReportEntry> Entries, TimeSpan TotalDuration);

public interface IHealthCheck
{
    string Name { get; }
    Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs every registered health check in parallel and aggregates the results
/// into a single report for the /health endpoint.
/// </summary>
public sealed class HealthCheckRunner
{
    private readonly IReadOnlyList<IHealthCheck> _checks;
    private readonly TimeSpan _timeout;

    public HealthCheckRunner(IEnumerable<IHealthCheck> checks, TimeSpan timeout)
    {
        _checks = checks.ToList();
        _timeout = timeout;
    }

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var entries = new List<HealthReportEntry>(_checks.Count);

        await Task.WhenAll(_checks.Select(async check =>
        {
            var entry = await RunSingleAsync(check, cancellationToken).ConfigureAwait(false);
            entries.Add(entry);
        })).ConfigureAwait(false);

        var overall = entries.Count == 0
            ? HealthStatus.Healthy
            : entries.Min(e => e.Status);

        return new HealthReport(overall, entries.OrderBy(e => e.Name).ToList(), total.Elapsed);
    }

    private async Task<HealthReportEntry> RunSingleAsync(IHealthCheck check, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);

        try
        {
            var result = await check.CheckAsync(cts.Token).ConfigureAwait(false);
            return new HealthReportEntry(check.Name, result.Status, sw.Elapsed, result.Description);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthReportEntry(check.Name, HealthStatus.Unhealthy, sw.Elapsed, $"Timed out after {_timeout.TotalSeconds:F0}s");
        }
        catch (Exception ex)
        {
            return new HealthReportEntry(check.Name, HealthStatus.Unhealthy, sw.Elapsed, ex.Message);
        }
    }
}
