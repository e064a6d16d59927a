namespace Blind53.CheeseCaves.Aging;

public readonly record struct WheelWeighing(string WheelId, int Shelf, double WeightKg, double PreviousWeightKg);

public sealed record ShelfLossReport(int Wheels, double TotalLossKg, double WorstLossPercent);

/// <summary>
/// Computes moisture loss across the cave's shelves from the weekly weighing run.
/// </summary>
public static class MoistureLossCalculator
{
    public static ShelfLossReport Compute(IReadOnlyList<WheelWeighing> weighings)
    {
        var gate = new object();
        int wheels = 0;
        double totalLoss = 0;
        double worst = 0;

        Parallel.For(
            0,
            weighings.Count,
            () => new LocalTotals(),
            (i, _, local) =>
            {
                var w = weighings[i];
                double loss = w.PreviousWeightKg - w.WeightKg;
                local.Wheels++;
                local.Loss += loss;
                if (w.PreviousWeightKg > 0)
                {
                    local.Worst = Math.Max(local.Worst, loss / w.PreviousWeightKg * 100);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    wheels += local.Wheels;
                    totalLoss += local.Loss;
                    worst = Math.Max(worst, local.Worst);
                }
            });

        return new ShelfLossReport(wheels, totalLoss, worst);
    }

    public static IReadOnlyDictionary<int, double> LossByShelf(IReadOnlyList<WheelWeighing> weighings)
    {
        return weighings
            .AsParallel()
            .GroupBy(w => w.Shelf)
            .ToDictionary(g => g.Key, g => g.Sum(w => w.PreviousWeightKg - w.WeightKg));
    }

    private sealed class LocalTotals
    {
        public int Wheels;
        public double Loss;
        public double Worst;
    }
}
