namespace Blind36.RopeBridges.Limits;

/// <summary>Load limits for one crossing. Instances are never modified after construction.</summary>
public sealed class CrossingLimits
{
    public CrossingLimits(string bridgeId, int maxPersons, double maxKg, bool windClosure, IReadOnlyList<string> notices)
    {
        BridgeId = bridgeId;
        MaxPersons = maxPersons;
        MaxKg = maxKg;
        WindClosure = windClosure;
        Notices = notices.ToArray();
    }

    public string BridgeId { get; }
    public int MaxPersons { get; }
    public double MaxKg { get; }
    public bool WindClosure { get; }
    public IReadOnlyList<string> Notices { get; }
}

/// <summary>
/// Current limits for a bridge, read by the turnstile counter on every crossing and
/// replaced by the inspectors' office when a new inspection or wind warning comes in.
/// </summary>
public sealed class BridgeLimitBoard
{
    private CrossingLimits _current;
    private int _onBridge;

    public BridgeLimitBoard(CrossingLimits initial) => _current = initial;

    public CrossingLimits Current => Volatile.Read(ref _current);

    public int OnBridge => Volatile.Read(ref _onBridge);

    public void Publish(CrossingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Volatile.Write(ref _current, limits);
    }

    /// <summary>Called by the turnstile when someone asks to step on.</summary>
    public bool TryEnter()
    {
        var limits = Volatile.Read(ref _current);
        if (limits.WindClosure)
            return false;

        int seen = Volatile.Read(ref _onBridge);
        while (seen < limits.MaxPersons)
        {
            int prior = Interlocked.CompareExchange(ref _onBridge, seen + 1, seen);
            if (prior == seen)
                return true;
            seen = prior;
        }
        return false;
    }

    public void Leave()
    {
        int seen = Volatile.Read(ref _onBridge);
        while (seen > 0)
        {
            int prior = Interlocked.CompareExchange(ref _onBridge, seen - 1, seen);
            if (prior == seen)
                return;
            seen = prior;
        }
    }
}

public sealed class WindAlarmListener
{
    private readonly BridgeLimitBoard _board;

    public WindAlarmListener(BridgeLimitBoard board) => _board = board;

    public void OnGust(double metresPerSecond)
    {
        var now = _board.Current;
        bool close = metresPerSecond > 18;
        if (close == now.WindClosure)
            return;

        var notices = close ? now.Notices.Append($"Closed for wind {metresPerSecond:F0} m/s") : now.Notices.Where(n => !n.StartsWith("Closed for wind"));
        _board.Publish(new CrossingLimits(now.BridgeId, now.MaxPersons, now.MaxKg, close, notices.ToList()));
    }
}
