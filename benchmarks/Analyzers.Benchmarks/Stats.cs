namespace Forklift.Analyzers.Benchmarks;

/// <summary>Summary statistics of repeated measurements.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
