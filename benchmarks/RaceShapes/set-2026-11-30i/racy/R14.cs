using System.Diagnostics;

namespace Ops.Health;

public enum CheckStatus { Healthy, Degraded, Unhealthy }

public sealed record CheckResult(CheckStatus Status, string? Description, TimeSpan Duration);

public interface IHealthCheck
{
    string Name { get; }
    Task<CheckStatus> CheckAsync(CancellationToken ct);
}

public sealed record HealthReport(CheckStatus Overall, IReadOnlyDictionary<string, CheckResult> Entries);

/// <summary>
/// Runs all registered health checks for the /healthz endpoint. Checks are
/// started together so that one slow dependency does not hold up the others.
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

    public async Task<HealthReport> RunAsync(CancellationToken ct)
    {
        var entries = new Dictionary<string, CheckResult>(StringComparer.OrdinalIgnoreCase);

        await Task.WhenAll(_checks.Select(async check =>
        {
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeoutCts.CancelAfter(_timeout);
            var sw = Stopwatch.StartNew();

            CheckResult result;
            try
            {
                var status = await check.CheckAsync(timeoutCts.Token).ConfigureAwait(false);
                result = new CheckResult(status, null, sw.Elapsed);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                result = new CheckResult(CheckStatus.Unhealthy, "Timed out", sw.Elapsed);
            }
            catch (Exception ex)
            {
                result = new CheckResult(CheckStatus.Unhealthy, ex.Message, sw.Elapsed);
            }

            entries[check.Name] = result;
        })).ConfigureAwait(false);

        var overall = CheckStatus.Healthy;
        foreach (var entry in entries.Values)
        {
            if (entry.Status > overall)
            {
                overall = entry.Status;
            }
        }

        return new HealthReport(overall, entries);
    }
}
