using System.Diagnostics;

namespace Platform.Diagnostics;

public enum ProbeOutcome { Pass, Warn, Fail }

public sealed record ProbeResult(string Name, ProbeOutcome Outcome, string? Detail, TimeSpan Elapsed);

public interface IReadinessProbe
{
    string Name { get; }
    Task<ProbeOutcome> ProbeAsync(CancellationToken ct);
}

/// <summary>
/// Aggregates readiness probes for the /ready endpoint. All probes run
/// concurrently and share a single deadline.
/// </summary>
public sealed class ReadinessEvaluator
{
    private readonly IReadOnlyList<IReadinessProbe> _probes;
    private readonly TimeSpan _deadline;

    public ReadinessEvaluator(IEnumerable<IReadinessProbe> probes, TimeSpan deadline)
    {
        _probes = probes.ToArray();
        _deadline = deadline;
    }

    public async Task<(ProbeOutcome Overall, IReadOnlyDictionary<string, ProbeResult> Results)> EvaluateAsync(CancellationToken ct)
    {
        using var deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadlineCts.CancelAfter(_deadline);

        ProbeResult[] results = await Task.WhenAll(_probes.Select(p => RunOneAsync(p, deadlineCts.Token))).ConfigureAwait(false);

        var byName = new Dictionary<string, ProbeResult>(StringComparer.OrdinalIgnoreCase);
        var overall = ProbeOutcome.Pass;
        foreach (var result in results)
        {
            byName[result.Name] = result;
            if (result.Outcome > overall)
            {
                overall = result.Outcome;
            }
        }

        return (overall, byName);
    }

    private static async Task<ProbeResult> RunOneAsync(IReadinessProbe probe, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var outcome = await probe.ProbeAsync(ct).ConfigureAwait(false);
            return new ProbeResult(probe.Name, outcome, null, sw.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(probe.Name, ProbeOutcome.Fail, "Deadline exceeded", sw.Elapsed);
        }
        catch (Exception ex)
        {
            return new ProbeResult(probe.Name, ProbeOutcome.Fail, ex.GetType().Name + ": " + ex.Message, sw.Elapsed);
        }
    }
}
