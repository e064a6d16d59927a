namespace Blind60.TideGauge.Analysis;

public readonly record struct TideSample(DateTime TakenUtc, double HeightMetres);

public sealed record MonthlyTideSummary(int Samples, double MeanHeight, double HighestWater, double LowestWater);

/// <summary>
/// Reduces a month of one-minute tide-gauge samples to a summary for the harbour master.
/// </summary>
public static class TideSummariser
{
    private sealed class Partial
    {
        public int Count;
        public double Sum;
        public double Max = double.MinValue;
        public double Min = double.MaxValue;
    }

    public static MonthlyTideSummary Summarise(IReadOnlyList<TideSample> samples)
    {
        var gate = new object();
        int count = 0;
        double sum = 0;
        double max = double.MinValue;
        double min = double.MaxValue;

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, samples.Count),
            () => new Partial(),
            (range, _, local) =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    var h = samples[i].HeightMetres;
                    if (double.IsNaN(h))
                    {
                        continue; // sensor dropout
                    }
                    local.Count++;
                    local.Sum += h;
                    if (h > local.Max) local.Max = h;
                    if (h < local.Min) local.Min = h;
                }
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    count += local.Count;
                    sum += local.Sum;
                    max = Math.Max(max, local.Max);
                    min = Math.Min(min, local.Min);
                }
            });

        return count == 0
            ? new MonthlyTideSummary(0, 0, 0, 0)
            : new MonthlyTideSummary(count, sum / count, max, min);
    }
}
