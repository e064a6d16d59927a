namespace Blind32.Reindeer.Grazing;

public sealed record CollarFix(string Reindeer, double Latitude, double Longitude);

/// <summary>
/// Simulates where a herd might drift over a day of grazing so the herders can
/// plan the next move. Each animal's walk is independent, so the simulation
/// runs the animals in parallel.
/// </summary>
public sealed class GrazingDriftSimulator : IDisposable
{
    private readonly ThreadLocal<Random> _random;
    private readonly double _stepKm;

    public GrazingDriftSimulator(int seed, double stepKm)
    {
        var seedSource = seed;
        _random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref seedSource)));
        _stepKm = stepKm;
    }

    public CollarFix[] Simulate(IReadOnlyList<CollarFix> start, int steps)
    {
        var result = new CollarFix[start.Count];

        Parallel.For(0, start.Count, i =>
        {
            var rng = _random.Value!;
            var fix = start[i];
            var lat = fix.Latitude;
            var lon = fix.Longitude;
            for (var s = 0; s < steps; s++)
            {
                var bearing = rng.NextDouble() * 2 * Math.PI;
                lat += Math.Cos(bearing) * _stepKm / 111.0;
                lon += Math.Sin(bearing) * _stepKm / (111.0 * Math.Cos(lat * Math.PI / 180));
            }
            result[i] = fix with { Latitude = lat, Longitude = lon };
        });

        return result;
    }

    public (double Lat, double Lon) Centroid(CollarFix[] fixes) =>
        (fixes.Average(f => f.Latitude), fixes.Average(f => f.Longitude));

    public void Dispose() => _random.Dispose();
}

/// <summary>Runs several simulated days and keeps the spread of each.</summary>
public static class MovePlanner
{
    public static double[] SpreadPerDay(GrazingDriftSimulator simulator, IReadOnlyList<CollarFix> herd, int days)
    {
        var spreads = new double[days];
        var current = herd.ToArray();
        for (var d = 0; d < days; d++)
        {
            current = simulator.Simulate(current, 200);
            var (lat, lon) = simulator.Centroid(current);
            spreads[d] = current.Max(f => Math.Sqrt(Math.Pow(f.Latitude - lat, 2) + Math.Pow(f.Longitude - lon, 2)));
        }
        return spreads;
    }
}
