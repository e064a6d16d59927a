namespace Blind4.Risk.Simulation;

public sealed record PortfolioPosition(string Symbol, double Quantity, double Price, double DailyVolatility);

/// <summary>
/// Estimates one-day value-at-risk for a portfolio by Monte Carlo simulation.
/// A fixed seed keeps nightly runs comparable.
/// </summary>
public sealed class ValueAtRiskSimulator
{
    private readonly Random _random;
    private readonly int _scenarioCount;

    public ValueAtRiskSimulator(int scenarioCount, int seed)
    {
        _scenarioCount = scenarioCount;
        _random = new Random(seed);
    }

    public double Estimate(IReadOnlyList<PortfolioPosition> positions, double confidence = 0.99)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var currentValue = positions.Sum(p => p.Quantity * p.Price);

        var losses = Enumerable.Range(0, _scenarioCount)
            .AsParallel()
            .Select(_ => currentValue - SimulateOneDay(positions))
            .OrderBy(loss => loss)
            .ToArray();

        var index = (int)Math.Ceiling(confidence * losses.Length) - 1;
        return losses[Math.Clamp(index, 0, losses.Length - 1)];
    }

    private double SimulateOneDay(IReadOnlyList<PortfolioPosition> positions)
    {
        double value = 0;
        foreach (var position in positions)
        {
            var shock = NextStandardNormal() * position.DailyVolatility;
            value += position.Quantity * position.Price * Math.Exp(shock);
        }
        return value;
    }

    private double NextStandardNormal()
    {
        // Box-Muller transform.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}
