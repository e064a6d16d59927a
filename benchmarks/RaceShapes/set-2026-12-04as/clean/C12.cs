namespace Blind45.Vineyard.PressHouse;

public sealed record BinWeighing(string BinId, string Block, string Variety, double Kilograms, double Brix);

public sealed record VarietySummary(string Variety, double Kilograms, double WeightedBrix, int Bins);

/// <summary>
/// Summarises a day's bin weighings at the press house. Large days contain tens of
/// thousands of bins, so the work is spread over the thread pool.
/// </summary>
public sealed class PressHouseSummariser
{
    private sealed class Accumulator
    {
        public double Kilograms;
        public double BrixKilograms;
        public int Bins;
    }

    public IReadOnlyList<VarietySummary> Summarise(IReadOnlyList<BinWeighing> weighings, CancellationToken ct)
    {
        var merged = new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();

        Parallel.ForEach(
            weighings,
            new ParallelOptions { CancellationToken = ct },
            () => new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase),
            (weighing, _, local) =>
            {
                if (!local.TryGetValue(weighing.Variety, out var acc))
                {
                    acc = new Accumulator();
                    local[weighing.Variety] = acc;
                }

                acc.Kilograms += weighing.Kilograms;
                acc.BrixKilograms += weighing.Brix * weighing.Kilograms;
                acc.Bins++;
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (variety, acc) in local)
                    {
                        if (!merged.TryGetValue(variety, out var total))
                        {
                            total = new Accumulator();
                            merged[variety] = total;
                        }

                        total.Kilograms += acc.Kilograms;
                        total.BrixKilograms += acc.BrixKilograms;
                        total.Bins += acc.Bins;
                    }
                }
            });

        return merged
            .Select(kv => new VarietySummary(
                kv.Key,
                kv.Value.Kilograms,
                kv.Value.Kilograms == 0 ? 0 : kv.Value.BrixKilograms / kv.Value.Kilograms,
                kv.Value.Bins))
            .OrderByDescending(s => s.Kilograms)
            .ToList();
    }
}
