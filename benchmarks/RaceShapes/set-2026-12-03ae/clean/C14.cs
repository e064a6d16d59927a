namespace Blind31.OrchardCiderPresses.Blending;

public sealed record PressBatch(int BatchId, string Orchard, double JuiceLitres, double SugarBrix, double Acidity);

public readonly record struct BlendTotals(double Litres, double WeightedBrix, double WeightedAcidity, int Batches)
{
    public BlendTotals Add(PressBatch b) =>
        new(Litres + b.JuiceLitres, WeightedBrix + b.SugarBrix * b.JuiceLitres, WeightedAcidity + b.Acidity * b.JuiceLitres, Batches + 1);

    public BlendTotals Merge(BlendTotals other) =>
        new(Litres + other.Litres, WeightedBrix + other.WeightedBrix, WeightedAcidity + other.WeightedAcidity, Batches + other.Batches);
}

/// <summary>Computes blend figures for the cider maker's tank planning sheet.</summary>
public static class BlendCalculator
{
    public static BlendTotals Totals(IReadOnlyList<PressBatch> batches)
    {
        var gate = new object();
        var overall = default(BlendTotals);

        Parallel.ForEach(
            batches,
            () => default(BlendTotals),
            (batch, _, local) => local.Add(batch),
            local =>
            {
                lock (gate)
                {
                    overall = overall.Merge(local);
                }
            });

        return overall;
    }

    public static PressBatch? Sweetest(IReadOnlyList<PressBatch> batches)
    {
        var gate = new object();
        PressBatch? best = null;

        Parallel.ForEach(
            batches,
            () => (PressBatch?)null,
            (batch, _, localBest) => localBest is null || batch.SugarBrix > localBest.SugarBrix ? batch : localBest,
            localBest =>
            {
                if (localBest is null)
                {
                    return;
                }

                lock (gate)
                {
                    if (best is null || localBest.SugarBrix > best.SugarBrix)
                    {
                        best = localBest;
                    }
                }
            });

        return best;
    }

    public static string Describe(IReadOnlyList<PressBatch> batches)
    {
        var totals = Totals(batches);
        if (totals.Litres == 0)
        {
            return "No juice pressed yet.";
        }

        var sweetest = Sweetest(batches);
        return $"{totals.Batches} batches, {totals.Litres:F0} L, " +
               $"blend {totals.WeightedBrix / totals.Litres:F1} Brix, acidity {totals.WeightedAcidity / totals.Litres:F2}; " +
               $"sweetest batch #{sweetest?.BatchId} from {sweetest?.Orchard}";
    }
}
