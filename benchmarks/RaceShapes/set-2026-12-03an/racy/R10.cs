using System.Diagnostics;

namespace Blind40.Planetariums.Health;

public enum DomeStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public sealed record HealthResult(DomeStatus Status, string Description)
{
    public TimeSpan Duration { get; init; }

    public static HealthResult Unhealthy(string description) => new(DomeStatus.Unhealthy, description);
}

public interface IDomeHealthCheck
{
    string Name { get; }
    Task<HealthResult> CheckAsync(CancellationToken ct);
}

public sealed record DomeHealthReport(IReadOnlyDictionary<string, HealthResult> Entries)
{
    public DomeStatus Overall => Entries.Count == 0 ? DomeStatus.Healthy : Entries.Values.Max(e => e.Status);
}

/// <summary>
/// Runs the planetarium's health checks (projector lamp hours, dome cooling,
/// seat controllers, audio racks) in parallel for the /health endpoint.
/// </summary>
public sealed class DomeHealthAggregator
{
    private readonly IReadOnlyList<IDomeHealthCheck> _checks;
    private readonly TimeSpan _perCheckTimeout;

    public DomeHealthAggregator(IEnumerable<IDomeHealthCheck> checks, TimeSpan perCheckTimeout)
    {
        _checks = checks.ToList();
        _perCheckTimeout = perCheckTimeout;
    }

    public async Task<DomeHealthReport> CheckAllAsync(CancellationToken ct)
    {
        var results = new Dictionary<string, HealthResult>(StringComparer.OrdinalIgnoreCase);

        var running = _checks.Select(async check =>
        {
            var sw = Stopwatch.StartNew();
            HealthResult result;
            try
            {
                result = await check.CheckAsync(ct).WaitAsync(_perCheckTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                result = HealthResult.Unhealthy($"timed out after {_perCheckTimeout.TotalSeconds:F0}s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = HealthResult.Unhealthy(ex.Message);
            }

            results[check.Name] = result with { Duration = sw.Elapsed };
        });

        await Task.WhenAll(running).ConfigureAwait(false);
        return new DomeHealthReport(results);
    }
}

public sealed class ProjectorLampCheck : IDomeHealthCheck
{
    private readonly Func<CancellationToken, Task<double>> _readLampHours;

    public ProjectorLampCheck(Func<CancellationToken, Task<double>> readLampHours) => _readLampHours = readLampHours;

    public string Name => "projector-lamp";

    public async Task<HealthResult> CheckAsync(CancellationToken ct)
    {
        double hours = await _readLampHours(ct).ConfigureAwait(false);
        return hours switch
        {
            < 1500 => new HealthResult(DomeStatus.Healthy, $"{hours:F0} h"),
            < 2000 => new HealthResult(DomeStatus.Degraded, $"{hours:F0} h, order a spare"),
            _ => HealthResult.Unhealthy($"{hours:F0} h, replace now"),
        };
    }
}
