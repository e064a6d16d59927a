namespace Blind24.RopeBridges;

public sealed record LoadStep(double KiloNewtons, TimeSpan Hold);

public sealed record LoadTestResult(string Bridge, double PeakLoadKn, double MaxSagMm, double ResidualSagMm, bool Passed, IReadOnlyList<string> Notes);

public interface ILoadRig
{
    Task ApplyAsync(double kiloNewtons, CancellationToken ct);
    Task<double> ReadSagMmAsync(CancellationToken ct);
    Task ReleaseAsync(CancellationToken ct);
}

/// <summary>
/// Runs a proof-load test on a rope bridge: steps the hydraulic rig through a load
/// schedule, records midspan sag at each step, then releases and measures the
/// residual set. Each step's continuation may resume on a different pool thread.
/// </summary>
public sealed class BridgeLoadTest
{
    private readonly ILoadRig _rig;
    private readonly double _allowedSagPerKn;
    private readonly double _allowedResidualMm;

    public BridgeLoadTest(ILoadRig rig, double allowedSagPerKn, double allowedResidualMm)
    {
        _rig = rig;
        _allowedSagPerKn = allowedSagPerKn;
        _allowedResidualMm = allowedResidualMm;
    }

    public async Task<LoadTestResult> RunAsync(string bridge, IReadOnlyList<LoadStep> schedule, CancellationToken ct)
    {
        var notes = new List<string>();
        double baseline = await _rig.ReadSagMmAsync(ct).ConfigureAwait(false);
        double peak = 0;
        double maxSag = 0;
        bool passed = true;

        foreach (var step in schedule)
        {
            await _rig.ApplyAsync(step.KiloNewtons, ct).ConfigureAwait(false);
            await Task.Delay(step.Hold, ct).ConfigureAwait(false);

            double sag = await _rig.ReadSagMmAsync(ct).ConfigureAwait(false) - baseline;
            peak = Math.Max(peak, step.KiloNewtons);
            maxSag = Math.Max(maxSag, sag);
            notes.Add($"{step.KiloNewtons:F1} kN held {step.Hold.TotalSeconds:F0}s: sag {sag:F0} mm");

            if (sag > step.KiloNewtons * _allowedSagPerKn)
            {
                notes.Add("Sag exceeds allowance; stopping test.");
                passed = false;
                break;
            }
        }

        await _rig.ReleaseAsync(ct).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        double residual = await _rig.ReadSagMmAsync(ct).ConfigureAwait(false) - baseline;
        if (residual > _allowedResidualMm)
        {
            notes.Add($"Residual set {residual:F0} mm exceeds {_allowedResidualMm:F0} mm.");
            passed = false;
        }

        return new LoadTestResult(bridge, peak, maxSag, residual, passed, notes);
    }
}

/// <summary>Runs the tests for a set of bridges one after another on the same rig.</summary>
public sealed class InspectionDay
{
    private readonly BridgeLoadTest _test;

    public InspectionDay(BridgeLoadTest test) => _test = test;

    public async Task<IReadOnlyList<LoadTestResult>> RunAsync(IEnumerable<string> bridges, IReadOnlyList<LoadStep> schedule, CancellationToken ct)
    {
        var results = new List<LoadTestResult>();
        foreach (var bridge in bridges)
        {
            results.Add(await _test.RunAsync(bridge, schedule, ct).ConfigureAwait(false));
        }

        return results;
    }
}
