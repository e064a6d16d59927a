namespace Blind4.Clean.Risk.Simulation;

public sealed record PortfolioPosition(string Symbol, double Quantity, double Price, double DailyVolatility);

/// <summary>
/// Estimates one-day value-at-risk for a portfolio by Monte Carlo simulation.
/// A fixed base seed keeps nightly runs roughly comparable.
/// </summary>
public sealed class ValueAtRiskSimulator
{
    private readonly int _scenarioCount;
    private readonly int _baseSeed;
    private int _seedSequence;

    public ValueAtRiskSimulator(int scenarioCount, int seed)
    {
        _scenarioCount = scenarioCount;
        _baseSeed = seed;
    }

    public double Estimate(IReadOnlyList<PortfolioPosition> positions, double confidence = 0.99)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var currentValue = positions.Sum(p => p.Quantity * p.Price);

        using var random = new ThreadLocal<Random>(
            () => new Random(_baseSeed + Interlocked.Increment(ref _seedSequence)));

        var losses = Enumerable.Range(0, _scenarioCount)
            .AsParallel()
            .Select(_ => currentValue - SimulateOneDay(positions, random.Value!))
            .OrderBy(loss => loss)
            .ToArray();

        var index = (int)Math.Ceiling(confidence * losses.Length) - 1;
        return losses[Math.Clamp(index, 0, losses.Length - 1)];
    }

    private static double SimulateOneDay(IReadOnlyList<PortfolioPosition> positions, Random random)
    {
        double value = 0;
        foreach (var position in positions)
        {
            var shock = NextStandardNormal(random) * position.DailyVolatility;
            value += position.Quantity * position.Price * Math.Exp(shock);
        }
        return value;
    }

    private static double NextStandardNormal(Random random)
    {
        // Box-Muller transform.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}
