namespace Blind48.LavenderFarm.Distillery;

public sealed record FieldRow(string Field, int Row, double BundlesHarvested, double OilYieldMlPerBundle);

/// <summary>
/// Estimates essential oil output for the harvest. Runs as part of the nightly
/// yield report and fans the per-row arithmetic across cores.
/// </summary>
public sealed class OilYieldEstimator
{
    private readonly ThreadLocal<Random> _rng;

    public OilYieldEstimator(int seed)
    {
        var seeds = new Random(seed);
        var seedLock = new object();
        _rng = new ThreadLocal<Random>(() =>
        {
            lock (seedLock)
            {
                return new Random(seeds.Next());
            }
        }, trackAllValues: true);
    }

    /// <summary>Total millilitres of oil, summed across fields with PLINQ.</summary>
    public double TotalOilMl(IReadOnlyList<FieldRow> rows)
    {
        return rows
            .AsParallel()
            .Aggregate(
                seedFactory: () => 0.0,
                updateAccumulatorFunc: (acc, row) => acc + row.BundlesHarvested * row.OilYieldMlPerBundle,
                combineAccumulatorsFunc: (a, b) => a + b,
                resultSelector: total => total);
    }

    /// <summary>
    /// Monte Carlo spread of the still-room output, accounting for the
    /// distiller's day-to-day variation of roughly ±8 %.
    /// </summary>
    public (double Low, double High, double ShareBelowBaseline) YieldBand(IReadOnlyList<FieldRow> rows, int trials)
    {
        var baseline = TotalOilMl(rows);
        var outcomes = new double[trials];
        long belowBaseline = 0;

        Parallel.For(0, trials,
            () => 0L,
            (i, _, localBelow) =>
            {
                var factor = 1.0 + (_rng.Value!.NextDouble() - 0.5) * 0.16;
                outcomes[i] = baseline * factor;
                return factor < 1.0 ? localBelow + 1 : localBelow;
            },
            localBelow => Interlocked.Add(ref belowBaseline, localBelow));

        Array.Sort(outcomes);
        var low = outcomes[(int)(trials * 0.05)];
        var high = outcomes[(int)(trials * 0.95)];
        return (low, high, (double)belowBaseline / trials);
    }

    /// <summary>How many worker threads took part in the simulations so far.</summary>
    public int SimulationThreads => _rng.Values.Count;
}
