namespace Satellites.Passes;

public sealed record OrbitalElements(double InclinationDeg, double RaanDeg, double Eccentricity, double ArgPerigeeDeg, double MeanAnomalyDeg, double MeanMotionRevPerDay, DateTime Epoch);

public sealed record GroundStation(string Name, double LatitudeDeg, double LongitudeDeg);

public sealed record Pass(string Station, DateTime RiseUtc, DateTime SetUtc, double MaxElevationDeg);

/// <summary>
/// Predicts visible passes of one satellite. A predictor is shared by all ground stations
/// of the network and queried from parallel planning jobs.
/// </summary>
public sealed class PassPredictor
{
    private readonly string _line1;
    private readonly string _line2;
    private OrbitalElements? _elements;

    public PassPredictor(string tleLine1, string tleLine2)
    {
        _line1 = tleLine1;
        _line2 = tleLine2;
    }

    private OrbitalElements Elements
    {
        get
        {
            var elements = Volatile.Read(ref _elements);
            if (elements is null)
            {
                var parsed = Parse(_line1, _line2);
                elements = Interlocked.CompareExchange(ref _elements, parsed, null) ?? parsed;
            }

            return elements;
        }
    }

    public IReadOnlyList<Pass> Predict(GroundStation station, DateTime fromUtc, TimeSpan window)
    {
        var e = Elements;
        var periodMinutes = 1440.0 / e.MeanMotionRevPerDay;
        var passes = new List<Pass>();
        var step = TimeSpan.FromMinutes(periodMinutes);
        var phase = Math.Abs(station.LongitudeDeg - e.RaanDeg) / 360.0 * periodMinutes;

        for (var t = fromUtc.AddMinutes(phase); t < fromUtc + window; t += step)
        {
            var geometry = Math.Cos((station.LatitudeDeg - e.InclinationDeg) * Math.PI / 180.0);
            var maxElevation = 90.0 * Math.Max(0, geometry - 0.2);
            if (maxElevation >= 10)
            {
                passes.Add(new Pass(station.Name, t, t.AddMinutes(periodMinutes * 0.08), Math.Round(maxElevation, 1)));
            }
        }

        return passes;
    }

    private static OrbitalElements Parse(string line1, string line2)
    {
        var year = int.Parse(line1.Substring(18, 2));
        var day = double.Parse(line1.Substring(20, 12), System.Globalization.CultureInfo.InvariantCulture);
        var epoch = new DateTime(year < 57 ? 2000 + year : 1900 + year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day - 1);

        double F(int start, int length) => double.Parse(line2.Substring(start, length), System.Globalization.CultureInfo.InvariantCulture);

        return new OrbitalElements(F(8, 8), F(17, 8), F(26, 7) / 1e7, F(34, 8), F(43, 8), F(52, 11), epoch);
    }
}

public static class NetworkPlanner
{
    public static IReadOnlyList<Pass> PlanDay(PassPredictor predictor, IEnumerable<GroundStation> stations, DateTime dayUtc)
        => stations.AsParallel()
            .SelectMany(s => predictor.Predict(s, dayUtc, TimeSpan.FromDays(1)))
            .OrderBy(p => p.RiseUtc)
            .ToList();
}
