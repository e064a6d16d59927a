namespace Blind26.PeatBog.Surveys;

public sealed record CoreSample(string Id, string Transect, double DepthCm, double[] CarbonPercentBySection);

public sealed record SurveySummary(int Cores, long CarbonMilligrams, double DeepestCm, string? DeepestCoreId);

/// <summary>Aggregates the core samples of one bog survey campaign.</summary>
public static class BogSurveyAggregator
{
    private const double SectionVolumeCm3 = 50.0;
    private const double DryBulkDensity = 0.1;

    public static SurveySummary Summarize(IReadOnlyList<CoreSample> cores, int maxParallelism = 4)
    {
        long totalCarbonMg = 0;
        double deepest = 0;
        string? deepestId = null;
        var deepestLock = new object();

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.ForEach(cores, options, core =>
        {
            long carbon = EstimateCarbonMilligrams(core);
            Interlocked.Add(ref totalCarbonMg, carbon);

            if (core.DepthCm > deepest)
            {
                lock (deepestLock)
                {
                    deepestId = core.Id;
                }

                deepest = core.DepthCm;
            }
        });

        return new SurveySummary(cores.Count, totalCarbonMg, deepest, deepestId);
    }

    private static long EstimateCarbonMilligrams(CoreSample core)
    {
        double mg = 0;
        foreach (double pct in core.CarbonPercentBySection)
        {
            mg += SectionVolumeCm3 * DryBulkDensity * pct / 100.0 * 1000.0;
        }

        return (long)Math.Round(mg);
    }

    public static IReadOnlyDictionary<string, double> MeanDepthByTransect(IEnumerable<CoreSample> cores) =>
        cores.GroupBy(c => c.Transect)
             .ToDictionary(g => g.Key, g => g.Average(c => c.DepthCm));
}
