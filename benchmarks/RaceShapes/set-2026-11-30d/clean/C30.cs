using System.Diagnostics;

namespace Blind4.Clean.Health.Aggregation;

public sealed record DependencyProbe(string Name, Uri Endpoint, bool Critical);

public sealed record ProbeResult(string Name, bool Healthy, bool Critical, TimeSpan Duration, string? Error);

public sealed record AggregateHealth(string Status, IReadOnlyList<ProbeResult> Results, TimeSpan SlowestProbe);

/// <summary>
/// Probes every downstream dependency in parallel for the /health/dependencies endpoint.
/// </summary>
public sealed class DependencyHealthAggregator
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<DependencyProbe> _probes;
    private readonly TimeSpan _perProbeTimeout;

    public DependencyHealthAggregator(HttpClient http, IEnumerable<DependencyProbe> probes, TimeSpan perProbeTimeout)
    {
        _http = http;
        _probes = probes.ToArray();
        _perProbeTimeout = perProbeTimeout;
    }

    public async Task<AggregateHealth> CheckAllAsync(CancellationToken cancellationToken)
    {
        var tasks = _probes.Select(probe => ProbeAsync(probe, cancellationToken)).ToArray();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);

        var slowest = TimeSpan.Zero;
        var criticalDown = false;
        var anyDown = false;
        foreach (var result in results)
        {
            if (result.Duration > slowest)
            {
                slowest = result.Duration;
            }

            if (!result.Healthy)
            {
                anyDown = true;
                criticalDown |= result.Critical;
            }
        }

        var status = criticalDown ? "Unhealthy" : anyDown ? "Degraded" : "Healthy";
        return new AggregateHealth(status, results, slowest);
    }

    private async Task<ProbeResult> ProbeAsync(DependencyProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_perProbeTimeout);

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(probe.Endpoint, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var healthy = response.IsSuccessStatusCode;
            return new ProbeResult(probe.Name, healthy, probe.Critical, Stopwatch.GetElapsedTime(started),
                healthy ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(probe.Name, false, probe.Critical, Stopwatch.GetElapsedTime(started), "Timed out");
        }
        catch (HttpRequestException ex)
        {
            return new ProbeResult(probe.Name, false, probe.Critical, Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }
}
