namespace Blind31.SalmonHatcheries.Growth;

public sealed record FryMeasurement(int Tank, string Cohort, double LengthMm, double WeightG, DateOnly Measured);

public sealed record CohortGrowth(string Cohort, int Samples, double MeanLengthMm, double MeanConditionFactor, double StdDevWeightG);

/// <summary>Growth statistics for the hatchery manager's weekly report.</summary>
public static class GrowthStatistics
{
    public static double ConditionFactor(FryMeasurement m) =>
        m.LengthMm <= 0 ? 0 : 100_000 * m.WeightG / Math.Pow(m.LengthMm, 3);

    public static IReadOnlyList<CohortGrowth> ByCohort(IEnumerable<FryMeasurement> measurements)
    {
        return measurements
            .AsParallel()
            .Where(m => m.LengthMm > 0 && m.WeightG > 0)
            .GroupBy(m => m.Cohort)
            .Select(g =>
            {
                var items = g.ToArray();
                double meanWeight = items.Average(m => m.WeightG);
                double variance = items.Average(m => (m.WeightG - meanWeight) * (m.WeightG - meanWeight));
                return new CohortGrowth(
                    g.Key,
                    items.Length,
                    items.Average(m => m.LengthMm),
                    items.Average(ConditionFactor),
                    Math.Sqrt(variance));
            })
            .OrderBy(c => c.Cohort)
            .ToList();
    }

    public static (double Min, double Max, int Count) LengthRange(IEnumerable<FryMeasurement> measurements)
    {
        return measurements
            .AsParallel()
            .Aggregate(
                () => (Min: double.MaxValue, Max: double.MinValue, Count: 0),
                (acc, m) => (Math.Min(acc.Min, m.LengthMm), Math.Max(acc.Max, m.LengthMm), acc.Count + 1),
                (a, b) => (Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max), a.Count + b.Count),
                acc => acc);
    }

    public static ILookup<int, FryMeasurement> Stragglers(IEnumerable<FryMeasurement> measurements, double fraction)
    {
        var list = measurements.ToList();
        var cohortMeans = list
            .GroupBy(m => m.Cohort)
            .ToDictionary(g => g.Key, g => g.Average(m => m.LengthMm));

        return list
            .AsParallel()
            .Where(m => m.LengthMm < cohortMeans[m.Cohort] * fraction)
            .ToLookup(m => m.Tank);
    }
}
