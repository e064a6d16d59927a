namespace Blind51.CiderPresses.Orchards;

public sealed record AppleDelivery(string Orchard, string Variety, double Kg, double SugarBrix);

public sealed class VarietyTotals
{
    public double Kg { get; set; }
    public double BrixWeighted { get; set; }
    public int Deliveries { get; set; }
}

/// <summary>
/// Summarises a season's apple deliveries by variety for blending decisions. Each worker of
/// the parallel loop keeps its own totals, which are merged as each worker finishes.
/// </summary>
public sealed class DeliverySummariser
{
    public IReadOnlyDictionary<string, VarietyTotals> Summarise(IEnumerable<AppleDelivery> deliveries)
    {
        var merged = new Dictionary<string, VarietyTotals>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();
        long totalGrams = 0;

        Parallel.ForEach(
            deliveries,
            () => new Dictionary<string, VarietyTotals>(StringComparer.OrdinalIgnoreCase),
            (delivery, _, local) =>
            {
                if (!local.TryGetValue(delivery.Variety, out var totals))
                    local[delivery.Variety] = totals = new VarietyTotals();

                totals.Kg += delivery.Kg;
                totals.BrixWeighted += delivery.Kg * delivery.SugarBrix;
                totals.Deliveries++;
                return local;
            },
            local =>
            {
                long grams = 0;
                lock (mergeLock)
                {
                    foreach (var (variety, part) in local)
                    {
                        if (!merged.TryGetValue(variety, out var into))
                            merged[variety] = into = new VarietyTotals();

                        into.Kg += part.Kg;
                        into.BrixWeighted += part.BrixWeighted;
                        into.Deliveries += part.Deliveries;
                        grams += (long)(part.Kg * 1000);
                    }
                }
                Interlocked.Add(ref totalGrams, grams);
            });

        merged["*all*"] = new VarietyTotals { Kg = Interlocked.Read(ref totalGrams) / 1000.0 };
        return merged;
    }
}

/// <summary>
/// Suggests a blend for the next pressing based on the season summary.
/// </summary>
public static class BlendAdvisor
{
    public static string Advise(IReadOnlyDictionary<string, VarietyTotals> summary, double targetBrix)
    {
        var candidates = summary
            .Where(kv => kv.Key != "*all*" && kv.Value.Kg > 0)
            .Select(kv => (Variety: kv.Key, Brix: kv.Value.BrixWeighted / kv.Value.Kg, kv.Value.Kg))
            .OrderBy(c => Math.Abs(c.Brix - targetBrix))
            .Take(3)
            .ToList();

        if (candidates.Count == 0) return "No deliveries recorded.";
        return "Blend: " + string.Join(", ", candidates.Select(c => $"{c.Variety} ({c.Brix:F1} Brix, {c.Kg:F0} kg)"));
    }
}
