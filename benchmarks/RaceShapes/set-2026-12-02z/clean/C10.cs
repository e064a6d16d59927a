using System.Collections.Frozen;

namespace Blind26.WindTunnel.Runs;

public sealed record TunnelRun(string RunId, string Model, double AirspeedMs, double AngleOfAttackDeg, double[] LiftSamplesN, double[] DragSamplesN);

public sealed record RunCoefficients(string RunId, string Model, double AngleOfAttackDeg, double Cl, double Cd)
{
    public double LiftToDrag => Cd == 0 ? 0 : Cl / Cd;
}

/// <summary>Reduces raw balance samples from a test campaign to lift and drag coefficients.</summary>
public sealed class CampaignReducer
{
    private const double AirDensity = 1.225;

    private readonly FrozenDictionary<string, double> _referenceAreaM2;

    public CampaignReducer(IEnumerable<KeyValuePair<string, double>> referenceAreas)
    {
        _referenceAreaM2 = referenceAreas.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<RunCoefficients> Reduce(IEnumerable<TunnelRun> runs) =>
        runs.AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .Where(r => r.LiftSamplesN.Length > 0 && _referenceAreaM2.ContainsKey(r.Model))
            .Select(Reduce)
            .OrderBy(c => c.Model)
            .ThenBy(c => c.AngleOfAttackDeg)
            .ToList();

    public IReadOnlyDictionary<string, RunCoefficients> BestLiftToDragByModel(IEnumerable<TunnelRun> runs) =>
        runs.AsParallel()
            .Where(r => r.LiftSamplesN.Length > 0 && _referenceAreaM2.ContainsKey(r.Model))
            .Select(Reduce)
            .GroupBy(c => c.Model)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.LiftToDrag)!);

    public double MeanDragCoefficient(IEnumerable<TunnelRun> runs) =>
        runs.AsParallel()
            .Where(r => r.DragSamplesN.Length > 0 && _referenceAreaM2.ContainsKey(r.Model))
            .Aggregate(
                () => (Sum: 0.0, Count: 0),
                (acc, r) => (acc.Sum + Reduce(r).Cd, acc.Count + 1),
                (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
                total => total.Count == 0 ? 0 : total.Sum / total.Count);

    private RunCoefficients Reduce(TunnelRun run)
    {
        double q = 0.5 * AirDensity * run.AirspeedMs * run.AirspeedMs;
        double area = _referenceAreaM2[run.Model];
        double lift = run.LiftSamplesN.Average();
        double drag = run.DragSamplesN.Length == 0 ? 0 : run.DragSamplesN.Average();
        return new RunCoefficients(run.RunId, run.Model, run.AngleOfAttackDeg, lift / (q * area), drag / (q * area));
    }
}
