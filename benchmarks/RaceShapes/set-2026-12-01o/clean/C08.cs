using System.Collections.Immutable;

namespace FlightSim.InstructorStation;

public sealed record InjectedFailure(string SystemCode, string Description, double Severity, DateTime InjectedAtUtc);

/// <summary>
/// Failures the instructor has injected into the running simulation. The instructor
/// console adds and clears failures; the simulation loop thread reads the active set
/// once per frame.
/// </summary>
public sealed class FailureInjectionBoard
{
    private ImmutableDictionary<string, InjectedFailure> _active =
        ImmutableDictionary.Create<string, InjectedFailure>(StringComparer.Ordinal);

    public IReadOnlyCollection<InjectedFailure> Active => Volatile.Read(ref _active).Values.ToList();

    public bool Inject(InjectedFailure failure)
    {
        return ImmutableInterlocked.TryAdd(ref _active, failure.SystemCode, failure);
    }

    public void Escalate(string systemCode, double extraSeverity)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _active,
            systemCode,
            _ => throw new InvalidOperationException($"{systemCode} has no active failure."),
            (_, existing) => existing with { Severity = Math.Min(1.0, existing.Severity + extraSeverity) });
    }

    public void ClearAll()
    {
        ImmutableInterlocked.Update(ref _active, active => active.Clear());
    }

    /// <summary>Called by the simulation loop at the start of each frame.</summary>
    public double SeverityFor(string systemCode)
    {
        var snapshot = Volatile.Read(ref _active);
        return snapshot.TryGetValue(systemCode, out var failure) ? failure.Severity : 0.0;
    }
}

/// <summary>Fixed-rate simulation loop consuming the failure board.</summary>
public sealed class SimulationLoop
{
    private readonly FailureInjectionBoard _board;

    public SimulationLoop(FailureInjectionBoard board) => _board = board;

    public async Task RunAsync(CancellationToken ct)
    {
        using var frame = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        double hydraulicPressure = 3000;
        while (await frame.WaitForNextTickAsync(ct))
        {
            var leak = _board.SeverityFor("HYD-A");
            hydraulicPressure = Math.Max(0, hydraulicPressure - leak * 15 + (leak == 0 ? 5 : 0));
            hydraulicPressure = Math.Min(3000, hydraulicPressure);
        }
    }
}
