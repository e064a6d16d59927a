namespace Blind66.SheepShearing.Scales;

public readonly record struct WoolBale(int Number, string Grade, double Kg, bool Pressed);

public sealed record BaleStatistics(int Bales, double TotalKg, double MeanKg, double MaxKg, int Underweight);

/// <summary>
/// Statistics over the woolshed scale log for the season, used by the shed manager's CLI.
/// The log is large, so it is scanned in parallel with one accumulator per worker thread.
/// </summary>
public static class BaleScaleStatistics
{
    public const double MinimumBaleKg = 110.0;

    public static BaleStatistics Compute(IReadOnlyList<WoolBale> bales, CancellationToken ct = default)
    {
        using var perThread = new ThreadLocal<Accumulator>(() => new Accumulator(), trackAllValues: true);

        Parallel.For(
            0,
            bales.Count,
            new ParallelOptions { CancellationToken = ct },
            i =>
            {
                var bale = bales[i];
                if (!bale.Pressed)
                {
                    return;
                }

                perThread.Value!.Add(bale.Kg);
            });

        var total = new Accumulator();
        foreach (var partial in perThread.Values)
        {
            total.Merge(partial);
        }

        return new BaleStatistics(
            total.Count,
            total.Sum,
            total.Count == 0 ? 0 : total.Sum / total.Count,
            total.Max,
            total.Underweight);
    }

    private sealed class Accumulator
    {
        public int Count;
        public double Sum;
        public double Max;
        public int Underweight;

        public void Add(double kg)
        {
            Count++;
            Sum += kg;
            Max = Math.Max(Max, kg);
            if (kg < MinimumBaleKg)
            {
                Underweight++;
            }
        }

        public void Merge(Accumulator other)
        {
            Count += other.Count;
            Sum += other.Sum;
            Max = Math.Max(Max, other.Max);
            Underweight += other.Underweight;
        }
    }
}
