namespace Ferry.Gates;

public enum GateState { Closed = 0, Boarding = 1, FinalCall = 2, Locked = 3 }

/// <summary>
/// Boarding gate for one ferry departure. The purser's handheld, the ticket scanners and the
/// departure countdown all drive transitions concurrently.
/// </summary>
public sealed class BoardingGate
{
    private int _state = (int)GateState.Closed;
    private int _boarded;
    private readonly int _capacity;

    public BoardingGate(string sailing, int capacity)
    {
        Sailing = sailing;
        _capacity = capacity;
    }

    public string Sailing { get; }
    public GateState State => (GateState)Volatile.Read(ref _state);
    public int Boarded => Volatile.Read(ref _boarded);

    public bool Open() => Transition(GateState.Closed, GateState.Boarding);
    public bool CallFinal() => Transition(GateState.Boarding, GateState.FinalCall);

    public void Lock() => Interlocked.Exchange(ref _state, (int)GateState.Locked);

    /// <summary>Called by each ticket scanner when a valid ticket is presented.</summary>
    public bool TryBoard()
    {
        var state = (GateState)Volatile.Read(ref _state);
        if (state is not (GateState.Boarding or GateState.FinalCall))
            return false;

        while (true)
        {
            var current = Volatile.Read(ref _boarded);
            if (current >= _capacity)
                return false;
            if (Interlocked.CompareExchange(ref _boarded, current + 1, current) == current)
                return true;
        }
    }

    private bool Transition(GateState from, GateState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;
}

public static class GateDisplay
{
    public static string Banner(BoardingGate gate) => gate.State switch
    {
        GateState.Closed => $"{gate.Sailing}: gate not yet open",
        GateState.Boarding => $"{gate.Sailing}: now boarding ({gate.Boarded} aboard)",
        GateState.FinalCall => $"{gate.Sailing}: FINAL CALL",
        _ => $"{gate.Sailing}: gate closed",
    };
}
