using System.Diagnostics;

namespace Blind8.Diagnostics.Readiness;

public enum ProbeStatus
{
    Failing = 0,
    Degraded = 1,
    Ready = 2,
}

public sealed record ProbeResult(ProbeStatus Status, string? Detail = null);

public sealed record ReadinessProbe(string Name, Func<CancellationToken, Task<ProbeResult>> Run, TimeSpan Timeout);

public sealed record ProbeOutcome(string Name, ProbeStatus Status, string? Detail, TimeSpan Duration);

public sealed record ReadinessReport(IReadOnlyDictionary<string, ProbeOutcome> Outcomes, TimeSpan TotalDuration)
{
    public ProbeStatus Status => Outcomes.Count == 0 ? ProbeStatus.Ready : Outcomes.Values.Min(o => o.Status);
}

/// <summary>
/// Evaluates readiness probes for the orchestrator's /ready endpoint. All
/// probes are started at once and the report is assembled when they finish.
/// </summary>
public sealed class ReadinessEvaluator
{
    private readonly IReadOnlyList<ReadinessProbe> _probes;

    public ReadinessEvaluator(IEnumerable<ReadinessProbe> probes)
    {
        _probes = probes.ToArray();
    }

    public async Task<ReadinessReport> EvaluateAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(_probes.Select(p => RunProbeAsync(p, ct))).ConfigureAwait(false);

        var byName = new Dictionary<string, ProbeOutcome>(StringComparer.OrdinalIgnoreCase);
        foreach (var outcome in outcomes)
        {
            byName[outcome.Name] = outcome;
        }

        return new ReadinessReport(byName, stopwatch.Elapsed);
    }

    private static async Task<ProbeOutcome> RunProbeAsync(ReadinessProbe probe, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(probe.Timeout);

        try
        {
            var result = await probe.Run(timeout.Token).ConfigureAwait(false);
            return new ProbeOutcome(probe.Name, result.Status, result.Detail, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(probe.Name, ProbeStatus.Failing, "Timed out", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ProbeOutcome(probe.Name, ProbeStatus.Failing, ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }
}
