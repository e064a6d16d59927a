namespace Tidal.Turbines;

public sealed record TurbineSample(int TurbineId, DateTime At, double FlowMetresPerSecond, double OutputKw, double BladePitch);

public sealed record CavitationAlert(int TurbineId, DateTime At, double Ratio);

/// <summary>
/// Scans a tide cycle worth of samples for the array and flags samples where output
/// fell too far below what the flow should have produced.
/// </summary>
public sealed class CavitationScanner
{
    private readonly double _powerCoefficient;
    private readonly double _sweptArea;

    public CavitationScanner(double powerCoefficient, double sweptArea)
    {
        _powerCoefficient = powerCoefficient;
        _sweptArea = sweptArea;
    }

    public IReadOnlyList<CavitationAlert> Scan(IEnumerable<TurbineSample> samples, double threshold = 0.55)
    {
        var alerts = new List<CavitationAlert>();

        samples
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Where(s => s.FlowMetresPerSecond > 0.8)
            .ForAll(sample =>
            {
                var expected = ExpectedKw(sample.FlowMetresPerSecond);
                if (expected <= 0)
                {
                    return;
                }

                var ratio = sample.OutputKw / expected;
                if (ratio < threshold)
                {
                    alerts.Add(new CavitationAlert(sample.TurbineId, sample.At, ratio));
                }
            });

        alerts.Sort((a, b) => a.At.CompareTo(b.At));
        return alerts;
    }

    private double ExpectedKw(double flow)
    {
        const double seawaterDensity = 1025.0;
        return 0.5 * seawaterDensity * _sweptArea * Math.Pow(flow, 3) * _powerCoefficient / 1000.0;
    }
}

/// <summary>
/// Runs the scanner after every ebb tide for the whole array.
/// </summary>
public sealed class EbbTideReview
{
    private readonly CavitationScanner _scanner;
    private readonly Func<DateTime, DateTime, IEnumerable<TurbineSample>> _load;

    public EbbTideReview(CavitationScanner scanner, Func<DateTime, DateTime, IEnumerable<TurbineSample>> load)
    {
        _scanner = scanner;
        _load = load;
    }

    public async Task<int> ReviewAsync(DateTime from, DateTime to)
    {
        var alerts = await Task.Run(() => _scanner.Scan(_load(from, to)));
        return alerts.Select(a => a.TurbineId).Distinct().Count();
    }
}
