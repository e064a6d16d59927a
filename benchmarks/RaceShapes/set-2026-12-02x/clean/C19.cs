namespace Blind24.CanalLocks;

public sealed record LockChamber(string Name, double RiseMetres, double FillRateCubicMetresPerMinute, double AreaSquareMetres);

public interface ILockTelemetry
{
    Task<double> CurrentLevelAsync(string chamber, CancellationToken ct);
    Task<bool> GatesClosedAsync(string chamber, CancellationToken ct);
}

public sealed record FlightPlan(IReadOnlyList<(string Chamber, TimeSpan FillTime, bool Ready)> Steps, TimeSpan Total);

/// <summary>
/// Plans the passage of a boat through a flight of canal locks. Telemetry for every
/// chamber is fetched at the same time; each query fills its own slot in the plan.
/// </summary>
public sealed class FlightPlanner
{
    private readonly ILockTelemetry _telemetry;

    public FlightPlanner(ILockTelemetry telemetry) => _telemetry = telemetry;

    public async Task<FlightPlan> PlanAsync(IReadOnlyList<LockChamber> flight, bool goingUp, CancellationToken ct)
    {
        var fillTimes = new TimeSpan[flight.Count];
        var ready = new bool[flight.Count];

        var queries = new Task[flight.Count];
        for (int i = 0; i < flight.Count; i++)
        {
            int slot = i;
            queries[i] = Task.Run(async () =>
            {
                var chamber = flight[slot];
                var level = await _telemetry.CurrentLevelAsync(chamber.Name, ct).ConfigureAwait(false);
                var closed = await _telemetry.GatesClosedAsync(chamber.Name, ct).ConfigureAwait(false);

                double target = goingUp ? 0 : chamber.RiseMetres;
                double volume = Math.Abs(target - level) * chamber.AreaSquareMetres;
                fillTimes[slot] = TimeSpan.FromMinutes(volume / chamber.FillRateCubicMetresPerMinute);
                ready[slot] = closed;
            }, ct);
        }

        await Task.WhenAll(queries).ConfigureAwait(false);

        var steps = new List<(string, TimeSpan, bool)>(flight.Count);
        var total = TimeSpan.Zero;
        for (int i = 0; i < flight.Count; i++)
        {
            var index = goingUp ? i : flight.Count - 1 - i;
            steps.Add((flight[index].Name, fillTimes[index], ready[index]));
            total += fillTimes[index] + TimeSpan.FromMinutes(4);
        }

        return new FlightPlan(steps, total);
    }
}

/// <summary>Lock keeper's console command.</summary>
public sealed class LockKeeperConsole
{
    private readonly FlightPlanner _planner;

    public LockKeeperConsole(FlightPlanner planner) => _planner = planner;

    public async Task<string> DescribeAsync(IReadOnlyList<LockChamber> flight, bool up, CancellationToken ct)
    {
        var plan = await _planner.PlanAsync(flight, up, ct);
        var notReady = plan.Steps.Where(s => !s.Ready).Select(s => s.Chamber).ToList();
        return notReady.Count == 0
            ? $"Passage estimate {plan.Total.TotalMinutes:F0} min"
            : $"Passage estimate {plan.Total.TotalMinutes:F0} min; check gates at {string.Join(", ", notReady)}";
    }
}
