namespace Blind56.Beekeeping.Health;

public enum HealthState
{
    Healthy,
    Degraded,
    Unhealthy,
}

public sealed record ProbeOutcome(string Name, HealthState State, string Description);

public interface IShopProbe
{
    string Name { get; }
    Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Combines the beekeeping supply shop's health probes (order database, payment
/// gateway, courier label API, hive-scale telemetry import) for the readiness endpoint.
/// </summary>
public sealed class ShopHealthAggregator
{
    private readonly IReadOnlyList<IShopProbe> _probes;
    private readonly TimeSpan _perProbeTimeout;

    public ShopHealthAggregator(IEnumerable<IShopProbe> probes, TimeSpan perProbeTimeout)
    {
        _probes = probes.ToArray();
        _perProbeTimeout = perProbeTimeout;
    }

    public async Task<(HealthState Overall, IReadOnlyList<ProbeOutcome> Outcomes)> CheckAsync(CancellationToken ct)
    {
        ProbeOutcome[] outcomes = await Task.WhenAll(_probes.Select(p => RunWithTimeoutAsync(p, ct))).ConfigureAwait(false);

        var overall = HealthState.Healthy;
        foreach (var outcome in outcomes)
        {
            if (outcome.State > overall)
            {
                overall = outcome.State;
            }
        }

        return (overall, outcomes);
    }

    private async Task<ProbeOutcome> RunWithTimeoutAsync(IShopProbe probe, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<ProbeOutcome> run = RunGuardedAsync(probe, cts.Token);
        Task delay = Task.Delay(_perProbeTimeout, cts.Token);

        Task first = await Task.WhenAny(run, delay).ConfigureAwait(false);
        cts.Cancel();
        if (first == run)
        {
            return await run.ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
        return new ProbeOutcome(probe.Name, HealthState.Unhealthy, $"No answer within {_perProbeTimeout.TotalSeconds:F0}s");
    }

    private static async Task<ProbeOutcome> RunGuardedAsync(IShopProbe probe, CancellationToken ct)
    {
        try
        {
            return await probe.RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new ProbeOutcome(probe.Name, HealthState.Unhealthy, "Cancelled");
        }
        catch (Exception ex)
        {
            return new ProbeOutcome(probe.Name, HealthState.Unhealthy, ex.Message);
        }
    }
}
