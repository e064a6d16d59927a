namespace Blind26.IceRoad.Planning;

public sealed record IceReading(int Km, double ThicknessCm, DateTime TakenAt);

public sealed record WeightLimitPlan(IReadOnlyList<(int FromKm, int ToKm, int MaxTonnes)> Segments, double ThinnestCm);

/// <summary>
/// Builds the daily weight-limit plan for the ice road from the latest auger readings.
/// The plan is computed off the request thread and handed back when done.
/// </summary>
public sealed class IceRoadPlanner
{
    private readonly List<IceReading> _readings = new();
    private WeightLimitPlan? _lastPlan;

    public void AddReading(IceReading reading) => _readings.Add(reading);

    public WeightLimitPlan? LastPlan => _lastPlan;

    public async Task<WeightLimitPlan> ReplanAsync(CancellationToken ct)
    {
        IceReading[] input = _readings
            .GroupBy(r => r.Km)
            .Select(g => g.MaxBy(r => r.TakenAt)!)
            .OrderBy(r => r.Km)
            .ToArray();

        WeightLimitPlan plan = await Task.Run(() => Compute(input), ct).ConfigureAwait(false);

        _lastPlan = plan;
        _readings.RemoveAll(r => r.TakenAt < DateTime.UtcNow.AddDays(-3));
        return plan;
    }

    private static WeightLimitPlan Compute(IceReading[] sorted)
    {
        var segments = new List<(int, int, int)>();
        double thinnest = double.MaxValue;
        int i = 0;
        while (i < sorted.Length)
        {
            int limit = LimitFor(sorted[i].ThicknessCm);
            int start = sorted[i].Km;
            int j = i;
            while (j + 1 < sorted.Length && LimitFor(sorted[j + 1].ThicknessCm) == limit)
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                thinnest = Math.Min(thinnest, sorted[k].ThicknessCm);
            }

            segments.Add((start, sorted[j].Km, limit));
            i = j + 1;
        }

        return new WeightLimitPlan(segments, sorted.Length == 0 ? 0 : thinnest);
    }

    private static int LimitFor(double thicknessCm) => thicknessCm switch
    {
        < 30 => 0,
        < 50 => 5,
        < 75 => 20,
        < 100 => 40,
        _ => 63,
    };
}

/// <summary>Console front-end used by the road superintendent each morning.</summary>
public static class PlannerConsole
{
    public static async Task<int> RunAsync(IEnumerable<IceReading> todaysReadings, TextWriter output)
    {
        var planner = new IceRoadPlanner();
        foreach (var reading in todaysReadings)
        {
            planner.AddReading(reading);
        }

        var plan = await planner.ReplanAsync(CancellationToken.None);
        foreach (var (from, to, tonnes) in plan.Segments)
        {
            await output.WriteLineAsync($"km {from,4}–{to,4}: {(tonnes == 0 ? "CLOSED" : tonnes + " t")}");
        }

        return plan.Segments.Any(s => s.MaxTonnes == 0) ? 1 : 0;
    }
}
