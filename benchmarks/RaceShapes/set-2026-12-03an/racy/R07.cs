using System.Collections.Concurrent;

namespace Blind40.MushroomForagers.Surveys;

public sealed record ForageReport(string Forager, string Species, double Grams, bool Edible);

public sealed record SurveyTotals(long EdibleGrams, long ReportCount, IReadOnlyDictionary<string, int> FindsPerSpecies);

/// <summary>
/// Tallies the autumn foraging survey: thousands of reports uploaded from the
/// field app are processed in parallel at the end of each weekend.
/// </summary>
public sealed class ForageSurveyTally
{
    private readonly HashSet<string> _protectedSpecies;

    public ForageSurveyTally(IEnumerable<string> protectedSpecies)
    {
        _protectedSpecies = new HashSet<string>(protectedSpecies, StringComparer.OrdinalIgnoreCase);
    }

    public SurveyTotals Tally(IEnumerable<ForageReport> reports)
    {
        long edibleGrams = 0;
        long reportCount = 0;
        var perSpecies = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        Parallel.ForEach(
            reports,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => 0L,
            (report, _, localGrams) =>
            {
                Interlocked.Increment(ref reportCount);
                if (_protectedSpecies.Contains(report.Species))
                {
                    return localGrams;
                }

                perSpecies.AddOrUpdate(report.Species, 1, (_, n) => n + 1);
                return report.Edible ? localGrams + (long)Math.Round(report.Grams) : localGrams;
            },
            localGrams => edibleGrams += localGrams);

        return new SurveyTotals(edibleGrams, reportCount, new Dictionary<string, int>(perSpecies));
    }
}

public static class SurveyCli
{
    public static void Print(SurveyTotals totals, TextWriter output)
    {
        output.WriteLine($"Reports: {totals.ReportCount}");
        output.WriteLine($"Edible harvest: {totals.EdibleGrams / 1000.0:F2} kg");
        foreach (var (species, finds) in totals.FindsPerSpecies.OrderByDescending(p => p.Value).Take(10))
        {
            output.WriteLine($"  {species,-30} {finds,6}");
        }
    }

    public static IEnumerable<ForageReport> Generate(int count)
    {
        var rng = new Random(42);
        string[] species = { "Chanterelle", "Porcini", "Hedgehog", "Fly agaric", "Morel", "Blewit" };
        for (int i = 0; i < count; i++)
        {
            var s = species[rng.Next(species.Length)];
            yield return new ForageReport($"forager-{i % 37}", s, rng.NextDouble() * 400, s != "Fly agaric");
        }
    }
}
