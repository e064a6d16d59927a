namespace Blind60.LighthouseTrust.Lamp;

public enum LampState
{
    Off = 0,
    WarmingUp = 1,
    Rotating = 2,
    Fault = 3,
}

/// <summary>
/// Controls a heritage lighthouse's lamp and rotation motor. It is driven by the dusk
/// photocell, the keeper's panel, and the motor-fault interrupt, each on its own thread.
/// </summary>
public sealed class LampController
{
    private int _state = (int)LampState.Off;
    private int _faults;
    private readonly Action<LampState, LampState> _onTransition;

    public LampController(Action<LampState, LampState> onTransition) => _onTransition = onTransition;

    public LampState State => (LampState)Volatile.Read(ref _state);

    public int FaultCount => Volatile.Read(ref _faults);

    /// <summary>Photocell detected dusk, or the keeper pressed "light".</summary>
    public bool Light() => TryMove(LampState.Off, LampState.WarmingUp);

    /// <summary>Lamp has reached full brightness; start the optic turning.</summary>
    public bool WarmedUp() => TryMove(LampState.WarmingUp, LampState.Rotating);

    /// <summary>Dawn or keeper's "extinguish".</summary>
    public bool Extinguish()
    {
        return TryMove(LampState.Rotating, LampState.Off) || TryMove(LampState.WarmingUp, LampState.Off);
    }

    /// <summary>Raised by the motor controller; wins over any other state.</summary>
    public void MotorFault()
    {
        Interlocked.Increment(ref _faults);
        var previous = (LampState)Interlocked.Exchange(ref _state, (int)LampState.Fault);
        if (previous != LampState.Fault)
        {
            _onTransition(previous, LampState.Fault);
        }
    }

    /// <summary>Keeper acknowledged the fault after inspecting the pedestal.</summary>
    public bool ClearFault() => TryMove(LampState.Fault, LampState.Off);

    private bool TryMove(LampState from, LampState to)
    {
        if (Interlocked.CompareExchange(ref _state, (int)to, (int)from) != (int)from)
        {
            return false;
        }
        _onTransition(from, to);
        return true;
    }
}

public static class KeeperConsole
{
    public static string Describe(LampController lamp) => lamp.State switch
    {
        LampState.Off => "Lamp off",
        LampState.WarmingUp => "Warming up",
        LampState.Rotating => "Showing light",
        LampState.Fault => $"FAULT ({lamp.FaultCount} this season)",
        _ => "Unknown",
    };
}
