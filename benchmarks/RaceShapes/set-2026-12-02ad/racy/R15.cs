namespace Blind30.SaltWorks;

public sealed record PanReading(string Pan, DateOnly Day, double AreaM2, double DepthMm, double SalinityGramsPerLitre);

/// <summary>
/// Estimates the next harvest from the evaporation pans' daily readings and keeps
/// a list of readings that failed validation for the works manager to check.
/// </summary>
public sealed class HarvestEstimator
{
    private readonly List<PanReading> _rejected = new();

    public IReadOnlyList<PanReading> Rejected => _rejected;

    public double EstimateTonnes(IEnumerable<PanReading> readings)
    {
        double kilograms = readings
            .AsParallel()
            .Where(r =>
            {
                bool valid = r.AreaM2 > 0
                    && r.DepthMm is > 0 and < 500
                    && r.SalinityGramsPerLitre is > 0 and < 360;
                if (!valid)
                {
                    _rejected.Add(r);
                }

                return valid;
            })
            .GroupBy(r => r.Pan)
            .Select(g => g.OrderByDescending(r => r.Day).First())
            .Sum(r => r.AreaM2 * r.DepthMm * r.SalinityGramsPerLitre / 1000.0);

        return kilograms / 1000.0;
    }
}

/// <summary>Command-line entry used by the works' evening report job.</summary>
public static class HarvestReportCommand
{
    public static int Run(string csvPath, TextWriter output)
    {
        var readings = File.ReadLines(csvPath)
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(parts => parts.Length == 5)
            .Select(p => new PanReading(
                p[0],
                DateOnly.Parse(p[1]),
                double.Parse(p[2]),
                double.Parse(p[3]),
                double.Parse(p[4])))
            .ToList();

        var estimator = new HarvestEstimator();
        double tonnes = estimator.EstimateTonnes(readings);
        output.WriteLine($"Estimated harvest: {tonnes:F1} t");
        output.WriteLine($"Readings to check: {estimator.Rejected.Count}");
        return estimator.Rejected.Count == 0 ? 0 : 1;
    }
}
