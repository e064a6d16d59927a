namespace Tidal.Turbines.Yield;

public sealed record FlowSample(int TurbineId, DateTime At, double FlowMetresPerSecond, double OutputKw);

public sealed record TurbineYield(int TurbineId, double EnergyKwh, double PeakKw, double CapacityFactor);

/// <summary>
/// Computes per-turbine energy yield over a tide cycle for the array operator's report.
/// </summary>
public sealed class TideCycleYieldCalculator
{
    private readonly double _ratedKw;
    private readonly TimeSpan _sampleSpacing;

    public TideCycleYieldCalculator(double ratedKw, TimeSpan sampleSpacing)
    {
        _ratedKw = ratedKw;
        _sampleSpacing = sampleSpacing;
    }

    public IReadOnlyList<TurbineYield> Calculate(IEnumerable<FlowSample> samples)
    {
        var hoursPerSample = _sampleSpacing.TotalHours;

        return samples
            .AsParallel()
            .GroupBy(s => s.TurbineId)
            .Select(group =>
            {
                var energy = 0.0;
                var peak = 0.0;
                var n = 0;
                foreach (var s in group)
                {
                    energy += s.OutputKw * hoursPerSample;
                    peak = Math.Max(peak, s.OutputKw);
                    n++;
                }

                var capacity = n == 0 ? 0 : energy / (_ratedKw * n * hoursPerSample);
                return new TurbineYield(group.Key, energy, peak, capacity);
            })
            .OrderBy(y => y.TurbineId)
            .ToList();
    }

    public double ArrayEnergyKwh(IEnumerable<FlowSample> samples)
    {
        var hoursPerSample = _sampleSpacing.TotalHours;
        return samples
            .AsParallel()
            .Aggregate(
                seed: 0.0,
                updateAccumulatorFunc: (acc, s) => acc + s.OutputKw * hoursPerSample,
                combineAccumulatorsFunc: (a, b) => a + b,
                resultSelector: total => total);
    }
}

public sealed class TideReportJob
{
    private readonly TideCycleYieldCalculator _calculator;

    public TideReportJob(TideCycleYieldCalculator calculator) => _calculator = calculator;

    public async Task<string> BuildAsync(Func<Task<List<FlowSample>>> load)
    {
        var samples = await load();
        var perTurbine = await Task.Run(() => _calculator.Calculate(samples));
        var total = _calculator.ArrayEnergyKwh(samples);
        var best = perTurbine.OrderByDescending(t => t.EnergyKwh).FirstOrDefault();
        return $"Array produced {total:F0} kWh; best turbine {best?.TurbineId} at {best?.CapacityFactor:P0}";
    }
}
