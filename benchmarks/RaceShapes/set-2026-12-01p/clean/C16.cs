using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.TidalEnergy.Turbines;

public sealed record TurbineLoad(string TurbineId, double ThrustKn, double RotorRpm);

public interface ITurbineSimulator
{
    TurbineLoad[] Simulate(string arrayId, double currentSpeedMs);
}

public sealed record LoadStudy(string ArrayId, TurbineLoad[] Loads, TimeSpan SimulationTime, int Warnings);

/// <summary>
/// Runs a blade-load simulation for a tidal turbine array on a background thread and
/// lets the engineering UI await the outcome.
/// </summary>
public sealed class TurbineLoadStudy
{
    private readonly TaskCompletionSource<TurbineLoad[]> _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _simulationTime;
    private int _warnings;

    public void Start(ITurbineSimulator simulator, string arrayId, double currentSpeedMs, double thrustLimitKn)
    {
        _ = Task.Run(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var loads = simulator.Simulate(arrayId, currentSpeedMs);

                var warnings = 0;
                foreach (var load in loads)
                {
                    if (load.ThrustKn > thrustLimitKn)
                    {
                        warnings++;
                    }
                }

                _warnings = warnings;
                _simulationTime = stopwatch.Elapsed;
                _done.TrySetResult(loads);
            }
            catch (Exception ex)
            {
                _done.TrySetException(ex);
            }
        });
    }

    public async Task<LoadStudy> GetResultAsync(string arrayId, CancellationToken ct)
    {
        var loads = await _done.Task.WaitAsync(ct).ConfigureAwait(false);
        return new LoadStudy(arrayId, loads, _simulationTime, _warnings);
    }
}

public static class LoadStudyRunner
{
    public static async Task<string> RunAsync(ITurbineSimulator simulator, string arrayId, CancellationToken ct)
    {
        var study = new TurbineLoadStudy();
        study.Start(simulator, arrayId, currentSpeedMs: 3.2, thrustLimitKn: 950);
        var result = await study.GetResultAsync(arrayId, ct).ConfigureAwait(false);
        return $"{arrayId}: {result.Loads.Length} turbines, {result.Warnings} over thrust limit ({result.SimulationTime.TotalSeconds:F1}s)";
    }
}
