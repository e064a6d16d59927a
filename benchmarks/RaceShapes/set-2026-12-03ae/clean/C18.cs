namespace Blind31.SandYachtRaces.Simulation;

public sealed record YachtProfile(string Name, double SailAreaM2, double MassKg, double RollingResistance);

public sealed record RaceForecast(string Yacht, double MeanLapSeconds, double BestLapSeconds);

/// <summary>
/// Monte Carlo lap-time forecasts for the beach race committee. Each simulation draws
/// random gusts and sand firmness; runs are spread over all cores.
/// </summary>
public sealed class LapSimulator : IDisposable
{
    private static int s_seed = Environment.TickCount;

    private readonly ThreadLocal<Random> _random =
        new(() => new Random(Interlocked.Increment(ref s_seed)));

    private readonly double _lapMetres;

    public LapSimulator(double lapMetres)
    {
        _lapMetres = lapMetres;
    }

    public RaceForecast Forecast(YachtProfile yacht, double meanWindKnots, int runs)
    {
        var lapTimes = new double[runs];
        Parallel.For(0, runs, i =>
        {
            lapTimes[i] = SimulateLap(yacht, meanWindKnots, _random.Value!);
        });

        return new RaceForecast(yacht.Name, lapTimes.Average(), lapTimes.Min());
    }

    public IReadOnlyList<RaceForecast> ForecastFleet(IEnumerable<YachtProfile> fleet, double meanWindKnots, int runsPerYacht)
    {
        return fleet
            .AsParallel()
            .Select(y => Forecast(y, meanWindKnots, runsPerYacht))
            .OrderBy(f => f.MeanLapSeconds)
            .ToList();
    }

    private double SimulateLap(YachtProfile yacht, double meanWindKnots, Random random)
    {
        double gust = meanWindKnots * (0.7 + random.NextDouble() * 0.6);
        double windMs = gust * 0.5144;
        double firmness = 0.8 + random.NextDouble() * 0.4;

        double drive = 0.5 * 1.225 * windMs * windMs * yacht.SailAreaM2 * 0.9;
        double drag = yacht.MassKg * 9.81 * yacht.RollingResistance / firmness;
        double net = Math.Max(1, drive - drag);
        double speed = Math.Min(windMs * 2.5, Math.Sqrt(net / yacht.MassKg) * 6);

        return _lapMetres / Math.Max(speed, 0.5);
    }

    public void Dispose() => _random.Dispose();
}
