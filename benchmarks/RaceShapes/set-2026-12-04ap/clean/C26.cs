namespace Blind42.SaltMarsh.Survey;

public sealed record QuadratSample(string QuadratId, double Salinity, int SamphireStems, int CordgrassStems, double ElevationM);

public sealed record ZoneSummary(string Zone, int Quadrats, double MeanSalinity, double SamphireDensity);

/// <summary>
/// Summarises the spring vegetation survey of the marsh. The classification tables are built
/// once by the static constructor and only read afterwards.
/// </summary>
public static class MarshSurveyAnalyzer
{
    private static readonly (double MaxElevation, string Zone)[] s_zones;
    private static readonly Dictionary<string, double> s_quadratAreaM2;

    static MarshSurveyAnalyzer()
    {
        s_zones = new[]
        {
            (0.4, "pioneer"),
            (0.9, "low marsh"),
            (1.6, "mid marsh"),
            (double.MaxValue, "high marsh"),
        };

        s_quadratAreaM2 = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["Q"] = 1.0,
            ["L"] = 0.25,
        };
    }

    public static string ZoneOf(double elevationM) => s_zones.First(z => elevationM <= z.MaxElevation).Zone;

    private static double AreaOf(string quadratId) =>
        s_quadratAreaM2.TryGetValue(quadratId[..1], out var area) ? area : 1.0;

    public static IReadOnlyList<ZoneSummary> Summarise(IEnumerable<QuadratSample> samples)
    {
        return samples
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .GroupBy(s => ZoneOf(s.ElevationM))
            .Select(g => new ZoneSummary(
                g.Key,
                g.Count(),
                g.Average(s => s.Salinity),
                g.Sum(s => s.SamphireStems / AreaOf(s.QuadratId)) / g.Count()))
            .OrderBy(z => z.Zone)
            .ToList();
    }

    public static double CordgrassShare(IEnumerable<QuadratSample> samples)
    {
        var totals = samples
            .AsParallel()
            .Aggregate(
                () => (Cordgrass: 0L, All: 0L),
                (acc, s) => (acc.Cordgrass + s.CordgrassStems, acc.All + s.CordgrassStems + s.SamphireStems),
                (a, b) => (a.Cordgrass + b.Cordgrass, a.All + b.All),
                acc => acc);

        return totals.All == 0 ? 0 : (double)totals.Cordgrass / totals.All;
    }
}

/// <summary>CLI entry point for the survey tool.</summary>
public static class SurveyCommand
{
    public static int Run(string csvPath, TextWriter output)
    {
        var samples = File.ReadLines(csvPath)
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(p => p.Length == 5)
            .Select(p => new QuadratSample(
                p[0],
                double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        foreach (var zone in MarshSurveyAnalyzer.Summarise(samples))
        {
            output.WriteLine($"{zone.Zone,-12} n={zone.Quadrats,4} salinity={zone.MeanSalinity,5:F1} samphire/m2={zone.SamphireDensity,6:F1}");
        }
        output.WriteLine($"cordgrass share {MarshSurveyAnalyzer.CordgrassShare(samples):P1}");
        return 0;
    }
}
