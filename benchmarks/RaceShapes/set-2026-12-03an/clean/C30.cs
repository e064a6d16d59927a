namespace Blind40.OysterFarms.Sampling;

public sealed record BagSample(int Bag, double MeanLengthMm, int Dead);

/// <summary>
/// Monte Carlo estimate of the marketable fraction of a lease, used by the
/// farm's planning tool before each harvest.
/// </summary>
public sealed class MarketableEstimator
{
    private readonly double _minLengthMm;
    private readonly int _seed;

    public MarketableEstimator(double minLengthMm, int seed = 1234)
    {
        _minLengthMm = minLengthMm;
        _seed = seed;
    }

    public double Estimate(IReadOnlyList<BagSample> samples, int drawsPerBag)
    {
        int seedCounter = _seed;
        using var rng = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref seedCounter)));
        using var marketable = new ThreadLocal<long>(() => 0, trackAllValues: true);
        using var drawn = new ThreadLocal<long>(() => 0, trackAllValues: true);

        Parallel.For(0, samples.Count, i =>
        {
            var bag = samples[i];
            var random = rng.Value!;
            long ok = 0;
            int alive = Math.Max(0, drawsPerBag - bag.Dead);
            for (int d = 0; d < alive; d++)
            {
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                double length = bag.MeanLengthMm + normal * 6.5;
                if (length >= _minLengthMm)
                {
                    ok++;
                }
            }
            marketable.Value += ok;
            drawn.Value += drawsPerBag;
        });

        long totalOk = marketable.Values.Sum();
        long totalDrawn = drawn.Values.Sum();
        return totalDrawn == 0 ? 0 : (double)totalOk / totalDrawn;
    }
}

public static class HarvestPlanningCli
{
    public static void Run(TextWriter output)
    {
        var samples = Enumerable.Range(1, 400)
            .Select(b => new BagSample(b, 72 + b % 9, b % 11))
            .ToList();

        var estimator = new MarketableEstimator(minLengthMm: 75);
        double fraction = estimator.Estimate(samples, drawsPerBag: 200);
        output.WriteLine($"Estimated marketable fraction: {fraction:P1}");
    }
}
