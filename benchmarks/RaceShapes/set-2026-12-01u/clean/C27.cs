using System.Collections.Concurrent;

namespace SeedBank.Germination;

public sealed record TrialDish(string AccessionId, int SeedsSown, int[] DailyGerminated);
public sealed record TrialResult(string AccessionId, double GerminationRate, double MeanDaysToGerminate);

/// <summary>Scores a batch of germination trial dishes for the accession viability report.</summary>
public sealed class GerminationScorer
{
    public IReadOnlyList<TrialResult> Score(IEnumerable<TrialDish> dishes, double minimumRate, out int belowThreshold)
    {
        var results = new ConcurrentBag<TrialResult>();
        var failing = 0;

        Parallel.ForEach(dishes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, dish =>
        {
            var total = 0;
            var weightedDays = 0.0;
            for (var day = 0; day < dish.DailyGerminated.Length; day++)
            {
                total += dish.DailyGerminated[day];
                weightedDays += dish.DailyGerminated[day] * (day + 1);
            }

            var rate = dish.SeedsSown == 0 ? 0 : (double)total / dish.SeedsSown;
            var meanDays = total == 0 ? double.NaN : weightedDays / total;
            results.Add(new TrialResult(dish.AccessionId, rate, meanDays));

            if (rate < minimumRate)
                Interlocked.Increment(ref failing);
        });

        belowThreshold = failing;
        return results.OrderBy(r => r.AccessionId, StringComparer.Ordinal).ToList();
    }
}

public static class ViabilityReport
{
    public static IEnumerable<string> Lines(IReadOnlyList<TrialResult> results, int belowThreshold)
    {
        yield return $"Dishes scored: {results.Count}, below threshold: {belowThreshold}";
        foreach (var r in results)
        {
            var days = double.IsNaN(r.MeanDaysToGerminate) ? "-" : r.MeanDaysToGerminate.ToString("F1");
            yield return $"{r.AccessionId,-12} {r.GerminationRate,6:P0} {days,6}";
        }
    }
}
