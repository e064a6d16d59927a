namespace Blind24.RinkResurfacing;

public sealed record IceSurvey(string Rink, double[] ThicknessMm);

/// <summary>
/// Estimates how many resurfacing passes a rink needs by bootstrapping the ice
/// thickness survey. Runs on many threads during the nightly planning job; every
/// thread uses its own random generator.
/// </summary>
public static class ResurfacingEstimator
{
    [ThreadStatic]
    private static Random? t_random;

    private static Random Rng => t_random ??= new Random(Environment.CurrentManagedThreadId * 7919 + Environment.TickCount);

    public static double BootstrapMinimumThickness(double[] thickness, int rounds)
    {
        if (thickness.Length == 0)
        {
            return 0;
        }

        var rng = Rng;
        var mins = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            double min = double.MaxValue;
            for (int i = 0; i < thickness.Length; i++)
            {
                min = Math.Min(min, thickness[rng.Next(thickness.Length)]);
            }

            mins[r] = min;
        }

        Array.Sort(mins);
        return mins[(int)(rounds * 0.05)];
    }

    public static int PassesNeeded(double minThicknessMm, double targetMm, double perPassMm)
    {
        if (minThicknessMm >= targetMm)
        {
            return 0;
        }

        return (int)Math.Ceiling((targetMm - minThicknessMm) / perPassMm);
    }
}

/// <summary>Plans the next day's resurfacing for every rink.</summary>
public sealed class NightlyResurfacingPlanner
{
    private readonly double _targetMm;
    private readonly double _perPassMm;

    public NightlyResurfacingPlanner(double targetMm, double perPassMm)
    {
        _targetMm = targetMm;
        _perPassMm = perPassMm;
    }

    public IReadOnlyDictionary<string, int> Plan(IReadOnlyList<IceSurvey> surveys)
    {
        var passes = new int[surveys.Count];
        Parallel.For(0, surveys.Count, i =>
        {
            double p5 = ResurfacingEstimator.BootstrapMinimumThickness(surveys[i].ThicknessMm, 2000);
            passes[i] = ResurfacingEstimator.PassesNeeded(p5, _targetMm, _perPassMm);
        });

        var plan = new Dictionary<string, int>();
        for (int i = 0; i < surveys.Count; i++)
        {
            plan[surveys[i].Rink] = passes[i];
        }

        return plan;
    }
}
