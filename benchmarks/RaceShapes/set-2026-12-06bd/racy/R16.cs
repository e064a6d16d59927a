namespace Blind56.TrailCentre.Health;

public enum ProbeStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public sealed record ProbeResult(ProbeStatus Status, string Detail, TimeSpan Elapsed);

public interface IHealthProbe
{
    string Name { get; }
    TimeSpan Timeout { get; }
    Task<ProbeResult> CheckAsync(CancellationToken cancellationToken);
}

public sealed record HealthReport(ProbeStatus Overall, IReadOnlyDictionary<string, ProbeResult> Entries);

/// <summary>
/// Aggregates the trail centre's health probes (uplift booking system, bike hire
/// tills, trail-condition sensors, café card reader) for the /health endpoint.
/// </summary>
public sealed class TrailCentreHealthAggregator
{
    private readonly IReadOnlyList<IHealthProbe> _probes;

    public TrailCentreHealthAggregator(IEnumerable<IHealthProbe> probes)
    {
        _probes = probes.ToList();
    }

    public async Task<HealthReport> CheckAsync(CancellationToken ct)
    {
        var results = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);

        var checks = _probes.Select(async probe =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(probe.Timeout);

            ProbeResult result;
            try
            {
                result = await probe.CheckAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                result = new ProbeResult(ProbeStatus.Unhealthy, "Timed out", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            catch (Exception ex)
            {
                result = new ProbeResult(ProbeStatus.Unhealthy, ex.Message, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            results[probe.Name] = result;
        }).ToList();

        await Task.WhenAll(checks).ConfigureAwait(false);

        var overall = ProbeStatus.Healthy;
        foreach (var entry in results.Values)
        {
            if (entry.Status > overall)
            {
                overall = entry.Status;
            }
        }

        return new HealthReport(overall, results);
    }
}
