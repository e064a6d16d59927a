namespace Blind29.BakeryChain.Sales;

public sealed record TillReceipt(string ShopId, DateOnly Day, string Product, int Quantity, decimal LineTotal);

public sealed record DailyTotals(decimal Revenue, int LoavesSold, IReadOnlyDictionary<string, int> UnitsByProduct);

/// <summary>
/// Rolls up a day's till receipts from every shop in the chain for the head office
/// report and the next morning's bake plan.
/// </summary>
public static class DailyRollup
{
    public static DailyTotals Compute(IReadOnlyList<TillReceipt> receipts)
    {
        var sync = new object();
        decimal revenue = 0;
        var loaves = 0;
        var byProduct = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        Parallel.ForEach(
            receipts,
            () => new PartialTotals(),
            (receipt, _, partial) =>
            {
                partial.Revenue += receipt.LineTotal;
                if (receipt.Product.Contains("loaf", StringComparison.OrdinalIgnoreCase))
                {
                    partial.Loaves += receipt.Quantity;
                }

                partial.Units.TryGetValue(receipt.Product, out var units);
                partial.Units[receipt.Product] = units + receipt.Quantity;
                return partial;
            },
            partial =>
            {
                lock (sync)
                {
                    revenue += partial.Revenue;
                    loaves += partial.Loaves;
                    foreach (var (product, units) in partial.Units)
                    {
                        byProduct.TryGetValue(product, out var existing);
                        byProduct[product] = existing + units;
                    }
                }
            });

        return new DailyTotals(revenue, loaves, byProduct);
    }

    private sealed class PartialTotals
    {
        public decimal Revenue;
        public int Loaves;
        public readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase);
    }
}

public sealed class BakePlanner
{
    private readonly double _growthFactor;

    public BakePlanner(double growthFactor) => _growthFactor = growthFactor;

    public IReadOnlyDictionary<string, int> TomorrowsBake(DailyTotals today) =>
        today.UnitsByProduct.ToDictionary(
            p => p.Key,
            p => (int)Math.Ceiling(p.Value * _growthFactor));
}
