namespace Blind32.RopeBridges.Loads;

public sealed record PlankReading(string Bridge, int Plank, double DeflectionMm, double LoadKg);

public sealed record LoadTestResult(int PlanksTested, double WorstStiffness, string? WeakestPlank);

/// <summary>
/// Reduces the load-test readings from a rope bridge inspection to the
/// weakest plank, processing the readings on all cores.
/// </summary>
public sealed class PlankStiffnessAnalyzer
{
    private sealed class Partial
    {
        public int Count;
        public double Worst = double.MaxValue;
        public string? WorstPlank;
    }

    public LoadTestResult Analyze(IReadOnlyList<PlankReading> readings)
    {
        var gate = new object();
        var total = 0;
        var worst = double.MaxValue;
        string? weakest = null;

        Parallel.ForEach(
            readings,
            () => new Partial(),
            (reading, _, partial) =>
            {
                if (reading.DeflectionMm <= 0)
                    return partial;

                var stiffness = reading.LoadKg / reading.DeflectionMm;
                partial.Count++;
                if (stiffness < partial.Worst)
                {
                    partial.Worst = stiffness;
                    partial.WorstPlank = $"{reading.Bridge}#{reading.Plank}";
                }
                return partial;
            },
            partial =>
            {
                lock (gate)
                {
                    total += partial.Count;
                    if (partial.Worst < worst)
                    {
                        worst = partial.Worst;
                        weakest = partial.WorstPlank;
                    }
                }
            });

        return new LoadTestResult(total, weakest is null ? double.NaN : worst, weakest);
    }
}

/// <summary>Decides whether the bridge can stay open after the load test.</summary>
public static class BridgeDecision
{
    public static string Decide(LoadTestResult result, double minimumStiffness) =>
        result.WeakestPlank is null
            ? "no valid readings"
            : result.WorstStiffness < minimumStiffness
                ? $"close bridge: replace {result.WeakestPlank}"
                : "open";
}
