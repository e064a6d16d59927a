namespace Blind28.OrchidGreenhouse.Irrigation;

public sealed record Bench(string Id, double TargetMoisture, IReadOnlyList<double> ProbeReadings);

public sealed record IrrigationPlan(IReadOnlyDictionary<string, double> LitresByBench, double TotalLitres);

/// <summary>
/// Works out how much water each bench in the Phalaenopsis house needs from the latest
/// probe sweep. The sweep has a few thousand probes so the benches are processed in parallel.
/// </summary>
public sealed class IrrigationPlanner
{
    private const double LitresPerPercentPerSquareMetre = 0.12;
    private readonly IReadOnlyDictionary<string, double> _benchAreas;

    public IrrigationPlanner(IReadOnlyDictionary<string, double> benchAreas)
    {
        _benchAreas = benchAreas;
    }

    public IrrigationPlan Plan(IReadOnlyList<Bench> benches)
    {
        var perBench = new double[benches.Count];
        double totalLitres = 0;

        Parallel.For(
            0,
            benches.Count,
            () => 0.0,
            (i, _, subtotal) =>
            {
                var bench = benches[i];
                var litres = LitresFor(bench);
                perBench[i] = litres;
                return subtotal + litres;
            },
            subtotal => totalLitres += subtotal);

        var byBench = new Dictionary<string, double>(benches.Count);
        for (var i = 0; i < benches.Count; i++)
        {
            byBench[benches[i].Id] = perBench[i];
        }

        return new IrrigationPlan(byBench, totalLitres);
    }

    private double LitresFor(Bench bench)
    {
        if (bench.ProbeReadings.Count == 0)
        {
            return 0;
        }

        // Drop the wettest and driest probe; they are usually sitting in a drip line or a dry pot.
        var sorted = bench.ProbeReadings.OrderBy(r => r).ToArray();
        var trimmed = sorted.Length > 4 ? sorted[1..^1] : sorted;
        var average = trimmed.Average();
        var deficit = bench.TargetMoisture - average;
        if (deficit <= 0)
        {
            return 0;
        }

        var area = _benchAreas.TryGetValue(bench.Id, out var a) ? a : 1.0;
        return Math.Round(deficit * area * LitresPerPercentPerSquareMetre, 2);
    }
}
