using System.Collections.Immutable;

namespace Harbour.CraneTelemetry;

public sealed record CraneState(string CraneId, double HoistLoadTonnes, double WindSpeedMs, bool Stowed, DateTimeOffset ReportedAt);

/// <summary>
/// Latest state of every ship-to-shore crane on the quay. Each crane's PLC
/// gateway reports from its own connection task; the wind-stop safety check
/// and the quay dashboard read the states concurrently.
/// </summary>
public sealed class QuayCraneStates
{
    private ImmutableDictionary<string, CraneState> _states =
        ImmutableDictionary.Create<string, CraneState>(StringComparer.OrdinalIgnoreCase);

    public void Report(CraneState state)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _states,
            state.CraneId,
            state,
            (_, previous) => previous.ReportedAt > state.ReportedAt ? previous : state);
    }

    public bool Remove(string craneId) => ImmutableInterlocked.TryRemove(ref _states, craneId, out _);

    public IReadOnlyDictionary<string, CraneState> Snapshot() => Volatile.Read(ref _states);

    public IReadOnlyList<string> CranesToStow(double windLimitMs)
    {
        var snapshot = Volatile.Read(ref _states);
        return snapshot.Values
            .Where(s => !s.Stowed && s.WindSpeedMs >= windLimitMs)
            .Select(s => s.CraneId)
            .OrderBy(id => id)
            .ToList();
    }
}

/// <summary>
/// Raises a wind-stop order whenever any crane is working above the limit.
/// </summary>
public sealed class WindStopGuard
{
    private readonly QuayCraneStates _states;
    private readonly double _limitMs;
    private readonly Action<IReadOnlyList<string>> _orderStow;

    public WindStopGuard(QuayCraneStates states, double limitMs, Action<IReadOnlyList<string>> orderStow)
    {
        _states = states;
        _limitMs = limitMs;
        _orderStow = orderStow;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var cranes = _states.CranesToStow(_limitMs);
            if (cranes.Count > 0)
            {
                _orderStow(cranes);
            }
        }
    }
}

/// <summary>
/// Reads state frames from one crane's PLC gateway.
/// </summary>
public sealed class PlcGatewayConnection
{
    private readonly string _craneId;
    private readonly QuayCraneStates _states;

    public PlcGatewayConnection(string craneId, QuayCraneStates states)
    {
        _craneId = craneId;
        _states = states;
    }

    public Task RunAsync(Func<CancellationToken, Task<(double Load, double Wind, bool Stowed)?>> readFrame, CancellationToken ct) =>
        Task.Run(async () =>
        {
            while (await readFrame(ct) is { } frame)
            {
                _states.Report(new CraneState(_craneId, frame.Load, frame.Wind, frame.Stowed, DateTimeOffset.UtcNow));
            }
        }, ct);
}
