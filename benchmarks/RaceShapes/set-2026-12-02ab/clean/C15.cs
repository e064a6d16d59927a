namespace Blind28.Saffron.Yield;

public sealed record PickingTray(string Picker, string Plot, int Flowers, double FreshStigmaGrams, DateOnly Day);

public sealed record PlotYield(string Plot, int Flowers, double FreshGrams, double EstimatedDryGrams);

/// <summary>
/// End-of-season yield report for the cooperative's saffron plots, built from every
/// picking tray weighed during the harvest.
/// </summary>
public static class YieldReport
{
    private const double DryingRatio = 0.2;

    public static IReadOnlyList<PlotYield> ByPlot(IEnumerable<PickingTray> trays)
    {
        return trays
            .AsParallel()
            .Where(t => t.Flowers > 0 && t.FreshStigmaGrams > 0)
            .GroupBy(t => t.Plot)
            .Select(g =>
            {
                var flowers = g.Sum(t => t.Flowers);
                var fresh = g.Sum(t => t.FreshStigmaGrams);
                return new PlotYield(g.Key, flowers, fresh, Math.Round(fresh * DryingRatio, 2));
            })
            .OrderByDescending(p => p.EstimatedDryGrams)
            .ToList();
    }

    public static IReadOnlyDictionary<string, double> GramsPerPicker(IEnumerable<PickingTray> trays)
    {
        return trays
            .AsParallel()
            .Aggregate(
                () => new Dictionary<string, double>(),
                (local, tray) =>
                {
                    local[tray.Picker] = local.GetValueOrDefault(tray.Picker) + tray.FreshStigmaGrams;
                    return local;
                },
                (left, right) =>
                {
                    foreach (var (picker, grams) in right)
                    {
                        left[picker] = left.GetValueOrDefault(picker) + grams;
                    }

                    return left;
                },
                final => (IReadOnlyDictionary<string, double>)final);
    }

    public static double FlowersPerGram(IEnumerable<PickingTray> trays)
    {
        var (flowers, grams) = trays
            .AsParallel()
            .Select(t => (t.Flowers, t.FreshStigmaGrams))
            .Aggregate(
                (Flowers: 0L, Grams: 0.0),
                (acc, t) => (acc.Flowers + t.Flowers, acc.Grams + t.FreshStigmaGrams));
        return grams == 0 ? 0 : flowers / grams;
    }
}
