using System.Diagnostics;

namespace Ops.Health.Probes;

public enum ProbeStatus
{
    Down = 0,
    Degraded = 1,
    Up = 2
}

public sealed record ProbeResult(string Name, ProbeStatus Status, TimeSpan Elapsed, string? Detail);

public sealed record ProbeReport(ProbeStatus Overall, IReadOnlyList<ProbeResult> Results);

public interface IProbe
{
    string Name { get; }
    Task<(ProbeStatus Status, string? Detail)> ProbeAsync(CancellationToken ct);
}

/// <summary>Runs all dependency probes concurrently for the readiness endpoint.</summary>
public sealed class ReadinessProbeRunner
{
    private readonly IReadOnlyList<IProbe> _probes;
    private readonly TimeSpan _perProbeTimeout;

    public ReadinessProbeRunner(IEnumerable<IProbe> probes, TimeSpan perProbeTimeout)
    {
        _probes = probes.ToList();
        _perProbeTimeout = perProbeTimeout;
    }

    public async Task<ProbeReport> RunAsync(CancellationToken ct)
    {
        var tasks = new Task<ProbeResult>[_probes.Count];
        for (int i = 0; i < _probes.Count; i++)
            tasks[i] = RunOneAsync(_probes[i], ct);

        ProbeResult[] results = await Task.WhenAll(tasks).ConfigureAwait(false);

        var overall = ProbeStatus.Up;
        foreach (var result in results)
        {
            if (result.Status < overall)
                overall = result.Status;
        }

        return new ProbeReport(overall, results);
    }

    private async Task<ProbeResult> RunOneAsync(IProbe probe, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_perProbeTimeout);

        try
        {
            var (status, detail) = await probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
            return new ProbeResult(probe.Name, status, sw.Elapsed, detail);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeResult(probe.Name, ProbeStatus.Down, sw.Elapsed, "timed out");
        }
        catch (Exception ex)
        {
            return new ProbeResult(probe.Name, ProbeStatus.Down, sw.Elapsed, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
