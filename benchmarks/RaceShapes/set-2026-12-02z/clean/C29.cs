namespace Blind26.WindTunnel.Control;

public enum TunnelPhase
{
    Idle,
    SpinningUp,
    Running,
    SpinningDown,
}

public sealed record TunnelState(TunnelPhase Phase, string? RunId, double TargetAirspeedMs, int RunsToday);

/// <summary>
/// Arbitrates access to the wind tunnel fan between the test engineers' consoles, which
/// call into the shared arbiter whenever an engineer starts, advances or retunes a run.
/// </summary>
public sealed class TunnelArbiter
{
    private TunnelState _state = new(TunnelPhase.Idle, null, 0, 0);

    public TunnelState State => Volatile.Read(ref _state);

    public bool TryBeginRun(string runId, double airspeedMs)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (current.Phase != TunnelPhase.Idle)
            {
                return false;
            }

            var next = new TunnelState(TunnelPhase.SpinningUp, runId, airspeedMs, current.RunsToday + 1);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
            {
                return true;
            }
        }
    }

    public bool TryAdvance(string runId, TunnelPhase from, TunnelPhase to)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (current.Phase != from || current.RunId != runId)
            {
                return false;
            }

            var next = to == TunnelPhase.Idle
                ? current with { Phase = to, RunId = null, TargetAirspeedMs = 0 }
                : current with { Phase = to };
            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
            {
                return true;
            }
        }
    }

    public bool TryChangeAirspeed(string runId, double airspeedMs)
    {
        TunnelState current;
        do
        {
            current = Volatile.Read(ref _state);
            if (current.Phase != TunnelPhase.Running || current.RunId != runId)
            {
                return false;
            }
        }
        while (!ReferenceEquals(
            Interlocked.CompareExchange(ref _state, current with { TargetAirspeedMs = airspeedMs }, current), current));

        return true;
    }

    public void ResetDay()
    {
        TunnelState current;
        do
        {
            current = Volatile.Read(ref _state);
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _state, current with { RunsToday = 0 }, current), current));
    }
}
