namespace MapleSyrupFarms.Sugarbush;

public sealed record TapReading(int TapId, string Stand, double SapLitres, double BrixPercent);

public sealed record SeasonTotals(double SapLitres, double SyrupLitres, IReadOnlyDictionary<string, double> SyrupByStand);

/// <summary>
/// Totals a season of tap readings from the sugarbush's tubing sensors. Uses a parallel loop
/// with per-worker partial totals that are merged at the end.
/// </summary>
public static class SeasonCalculator
{
    private sealed class Partial
    {
        public double Sap;
        public double Syrup;
        public readonly Dictionary<string, double> ByStand = new();
    }

    // Rule of 86: litres of sap per litre of syrup is roughly 86 / brix.
    private static double SyrupFrom(double sapLitres, double brix) => brix <= 0 ? 0 : sapLitres * brix / 86.0;

    public static SeasonTotals Compute(IReadOnlyList<TapReading> readings)
    {
        var merged = new Partial();
        var mergeLock = new object();

        Parallel.For(0, readings.Count,
            () => new Partial(),
            (i, _, partial) =>
            {
                var r = readings[i];
                double syrup = SyrupFrom(r.SapLitres, r.BrixPercent);
                partial.Sap += r.SapLitres;
                partial.Syrup += syrup;
                partial.ByStand[r.Stand] = partial.ByStand.GetValueOrDefault(r.Stand) + syrup;
                return partial;
            },
            partial =>
            {
                lock (mergeLock)
                {
                    merged.Sap += partial.Sap;
                    merged.Syrup += partial.Syrup;
                    foreach (var (stand, litres) in partial.ByStand)
                    {
                        merged.ByStand[stand] = merged.ByStand.GetValueOrDefault(stand) + litres;
                    }
                }
            });

        return new SeasonTotals(merged.Sap, merged.Syrup, merged.ByStand);
    }

    public static long CountLowBrixTaps(IReadOnlyList<TapReading> readings, double threshold)
    {
        long count = 0;
        Parallel.ForEach(readings,
            () => 0L,
            (r, _, local) => r.BrixPercent < threshold ? local + 1 : local,
            local => Interlocked.Add(ref count, local));
        return Interlocked.Read(ref count);
    }
}

/// <summary>Evaporator shift report built from the day's readings.</summary>
public sealed class ShiftReport
{
    private readonly IReadOnlyList<TapReading> _readings;

    public ShiftReport(IReadOnlyList<TapReading> readings) => _readings = readings;

    public string Build()
    {
        var totals = SeasonCalculator.Compute(_readings);
        long low = SeasonCalculator.CountLowBrixTaps(_readings, 1.5);
        var best = totals.SyrupByStand.OrderByDescending(kv => kv.Value).FirstOrDefault();
        return $"Sap {totals.SapLitres:F0} L, syrup {totals.SyrupLitres:F1} L, best stand {best.Key}, {low} low-brix taps";
    }
}
