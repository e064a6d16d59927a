namespace Blind50.WindTunnel.Calibration;

public sealed record ProbeReading(int ProbeId, double VelocityMs, double TemperatureC);

public sealed class CalibrationResult
{
    public required double MeanVelocity { get; init; }
    public required double MaxDeviation { get; init; }
    public required int Readings { get; init; }
}

/// <summary>
/// Checks the flow uniformity across the test section using the pitot probe grid. A calibration
/// sweep produces many readings, which are reduced in parallel with one partial result per worker.
/// </summary>
public sealed class FlowUniformityCalculator
{
    private readonly double _targetVelocity;

    public FlowUniformityCalculator(double targetVelocity) => _targetVelocity = targetVelocity;

    public CalibrationResult Calculate(IEnumerable<ProbeReading> readings, CancellationToken cancellationToken)
    {
        var gate = new object();
        double velocitySum = 0;
        double maxDeviation = 0;
        var count = 0;

        Parallel.ForEach(
            readings,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => (Sum: 0.0, MaxDev: 0.0, Count: 0),
            (reading, _, local) =>
            {
                var corrected = reading.VelocityMs * Math.Sqrt((reading.TemperatureC + 273.15) / 288.15);
                var deviation = Math.Abs(corrected - _targetVelocity) / _targetVelocity;
                return (local.Sum + corrected, Math.Max(local.MaxDev, deviation), local.Count + 1);
            },
            local =>
            {
                lock (gate)
                {
                    velocitySum += local.Sum;
                    count += local.Count;
                    maxDeviation = Math.Max(maxDeviation, local.MaxDev);
                }
            });

        return new CalibrationResult
        {
            MeanVelocity = count == 0 ? 0 : velocitySum / count,
            MaxDeviation = maxDeviation,
            Readings = count,
        };
    }
}

/// <summary>Runs the nightly calibration check for each tunnel in the lab.</summary>
public static class NightlyCalibration
{
    public static async Task<IReadOnlyDictionary<string, bool>> RunAsync(
        IReadOnlyDictionary<string, ProbeReading[]> sweeps, double targetVelocity, double tolerance)
    {
        var calculator = new FlowUniformityCalculator(targetVelocity);
        var checks = sweeps.Select(sweep => Task.Run(() =>
        {
            var result = calculator.Calculate(sweep.Value, CancellationToken.None);
            return (Tunnel: sweep.Key, Passed: result.MaxDeviation <= tolerance);
        }));

        var results = await Task.WhenAll(checks);
        return results.ToDictionary(r => r.Tunnel, r => r.Passed);
    }
}
