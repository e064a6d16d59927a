namespace WindFarm.Curtailment;

public sealed record CurtailmentPolicy(double MaxFarmOutputKw, double MinWindForRestartMs, IReadOnlySet<string> ExemptTurbines);

public sealed class TurbineSetpoint
{
    public TurbineSetpoint(string turbineId) => TurbineId = turbineId;

    public string TurbineId { get; }
    public double LimitKw { get; set; }
    public bool Paused { get; set; }
}

/// <summary>
/// Applies the grid operator's curtailment instruction to every turbine. The instruction is
/// fetched from the operator's API while the turbine tasks are being started; each turbine's
/// setpoint is computed on its own task as soon as the instruction is available.
/// </summary>
public sealed class CurtailmentController
{
    private readonly Func<CancellationToken, CurtailmentPolicy> _fetchPolicy;

    public CurtailmentController(Func<CancellationToken, CurtailmentPolicy> fetchPolicy) => _fetchPolicy = fetchPolicy;

    public async Task<IReadOnlyList<TurbineSetpoint>> ApplyAsync(IReadOnlyList<string> turbineIds, Func<string, double> windAt, CancellationToken ct)
    {
        using var policyReady = new ManualResetEventSlim(false);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
        CurtailmentPolicy? policy = null;

        var load = Task.Run(() =>
        {
            try
            {
                policy = _fetchPolicy(abandon.Token);
                policyReady.Set();
            }
            catch
            {
                abandon.Cancel();
                throw;
            }
        }, ct);

        var setpoints = turbineIds.Select(id => new TurbineSetpoint(id)).ToList();
        var perTurbine = setpoints.Select(sp => Task.Run(() =>
        {
            policyReady.Wait(abandon.Token);
            var p = policy!;
            if (p.ExemptTurbines.Contains(sp.TurbineId))
            {
                sp.LimitKw = double.MaxValue;
                return;
            }

            sp.LimitKw = p.MaxFarmOutputKw / turbineIds.Count;
            sp.Paused = windAt(sp.TurbineId) < p.MinWindForRestartMs;
        }, abandon.Token)).ToList();

        await Task.WhenAll(perTurbine.Append(load));
        return setpoints;
    }
}
