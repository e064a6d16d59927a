namespace Blind43.VintageRally.Regularity;

public sealed record StageTime(int CarNumber, string Category, int Stage, TimeSpan Target, TimeSpan Actual);

/// <summary>
/// Works out regularity penalties for a vintage car rally: one point per second early or late
/// against the target time on each stage, summed per car and per category.
/// </summary>
public sealed class RegularityScorer
{
    public RegularityStandings Score(IReadOnlyList<StageTime> times)
    {
        var byCar = new Dictionary<int, int>();
        var byCategory = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var merge = new object();

        Parallel.For(
            0,
            times.Count,
            () => (Cars: new Dictionary<int, int>(), Categories: new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)),
            (i, _, local) =>
            {
                var t = times[i];
                var penalty = (int)Math.Abs(Math.Round((t.Actual - t.Target).TotalSeconds));
                local.Cars[t.CarNumber] = local.Cars.GetValueOrDefault(t.CarNumber) + penalty;
                local.Categories[t.Category] = local.Categories.GetValueOrDefault(t.Category) + penalty;
                return local;
            },
            local =>
            {
                lock (merge)
                {
                    foreach (var (car, points) in local.Cars)
                    {
                        byCar[car] = byCar.GetValueOrDefault(car) + points;
                    }

                    foreach (var (category, points) in local.Categories)
                    {
                        byCategory[category] = byCategory.GetValueOrDefault(category) + points;
                    }
                }
            });

        var order = byCar.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
        return new RegularityStandings(byCar, byCategory, order);
    }
}

public sealed record RegularityStandings(
    IReadOnlyDictionary<int, int> PenaltyByCar,
    IReadOnlyDictionary<string, int> PenaltyByCategory,
    IReadOnlyList<int> Order)
{
    public int? Winner => Order.Count > 0 ? Order[0] : null;
}
