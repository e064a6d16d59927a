namespace TramDepot.Charging;

public sealed record TramBattery(string TramId, double StateOfCharge, double CapacityKwh, DateTime DepartureAt);

public sealed record ChargePlan(string TramId, int Bay, double TargetSoc, DateTime StartAt, double Kw);

/// <summary>
/// Plans overnight charging for trams parked at the depot so every tram leaves full
/// without exceeding the depot's grid connection.
/// </summary>
public sealed class OvernightChargePlanner
{
    private readonly double _gridLimitKw;
    private readonly int _bays;
    private readonly ThreadLocal<List<ChargePlan>> _scratch = new(() => new List<ChargePlan>());

    public OvernightChargePlanner(double gridLimitKw, int bays)
    {
        _gridLimitKw = gridLimitKw;
        _bays = bays;
    }

    public async Task<IReadOnlyList<ChargePlan>> PlanAsync(IReadOnlyList<TramBattery> trams, DateTime now)
    {
        var ordered = trams.OrderBy(t => t.DepartureAt).ToArray();
        var perBayKw = _gridLimitKw / Math.Max(1, Math.Min(_bays, ordered.Length));

        var groups = Enumerable.Range(0, _bays)
            .Select(bay => ordered.Where((_, i) => i % _bays == bay).ToArray())
            .ToArray();

        var tasks = new Task<List<ChargePlan>>[groups.Length];
        for (var bay = 0; bay < groups.Length; bay++)
        {
            var bayNumber = bay + 1;
            var group = groups[bay];
            tasks[bay] = Task.Run(() => PlanBay(bayNumber, group, perBayKw, now));
        }

        var results = await Task.WhenAll(tasks);
        return results.SelectMany(r => r).OrderBy(p => p.StartAt).ToList();
    }

    private List<ChargePlan> PlanBay(int bay, TramBattery[] queue, double kw, DateTime now)
    {
        var scratch = _scratch.Value!;
        scratch.Clear();

        var cursor = now;
        foreach (var tram in queue)
        {
            var neededKwh = (0.95 - tram.StateOfCharge) * tram.CapacityKwh;
            if (neededKwh <= 0)
            {
                continue;
            }

            scratch.Add(new ChargePlan(tram.TramId, bay, 0.95, cursor, kw));
            cursor += TimeSpan.FromHours(neededKwh / kw);
        }

        return new List<ChargePlan>(scratch);
    }
}

public sealed class DepotNightShift
{
    private readonly OvernightChargePlanner _planner;

    public DepotNightShift(OvernightChargePlanner planner) => _planner = planner;

    public async Task<string> PrepareAsync(Func<Task<IReadOnlyList<TramBattery>>> readTrams)
    {
        var trams = await readTrams();
        var plan = await _planner.PlanAsync(trams, DateTime.Now);
        return string.Join(Environment.NewLine, plan.Select(p => $"{p.StartAt:HH:mm} bay {p.Bay}: {p.TramId}"));
    }
}
