using System.Diagnostics;

namespace Blind8.Diagnostics.Health;

public enum HealthStatus
{
    Unhealthy = 0,
    Degraded = 1,
    Healthy = 2,
}

public sealed record HealthCheckResult(HealthStatus Status, string? Description = null);

public sealed record HealthCheckRegistration(
    string Name,
    Func<CancellationToken, Task<HealthCheckResult>> Check,
    TimeSpan Timeout);

public sealed record HealthReportEntry(HealthStatus Status, string? Description, TimeSpan Duration);

public sealed record HealthReport(IReadOnlyDictionary<string, HealthReportEntry> Entries, TimeSpan TotalDuration)
{
    public HealthStatus Status => Entries.Count == 0
        ? HealthStatus.Healthy
        : Entries.Values.Min(e => e.Status);
}

/// <summary>
/// Runs all registered health checks for the /health endpoint. Checks are
/// started together so a slow dependency does not delay the others.
/// </summary>
public sealed class HealthCheckRunner
{
    private readonly IReadOnlyList<HealthCheckRegistration> _registrations;

    public HealthCheckRunner(IEnumerable<HealthCheckRegistration> registrations)
    {
        _registrations = registrations.ToArray();
    }

    public async Task<HealthReport> RunAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var entries = new Dictionary<string, HealthReportEntry>(StringComparer.OrdinalIgnoreCase);

        var running = _registrations.Select(r => RunSingleAsync(r, entries, ct));
        await Task.WhenAll(running).ConfigureAwait(false);

        return new HealthReport(entries, stopwatch.Elapsed);
    }

    private static async Task RunSingleAsync(
        HealthCheckRegistration registration,
        Dictionary<string, HealthReportEntry> entries,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        HealthReportEntry entry;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(registration.Timeout);

        try
        {
            var result = await registration.Check(timeout.Token).ConfigureAwait(false);
            entry = new HealthReportEntry(result.Status, result.Description, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            entry = new HealthReportEntry(
                HealthStatus.Unhealthy,
                $"Timed out after {registration.Timeout.TotalSeconds:0.#}s",
                Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry = new HealthReportEntry(HealthStatus.Unhealthy, ex.Message, Stopwatch.GetElapsedTime(started));
        }

        entries[registration.Name] = entry;
    }
}
