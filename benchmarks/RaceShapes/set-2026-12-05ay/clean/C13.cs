namespace Blind51.RailSignalBoxes.Levers;

public enum LeverPosition
{
    Normal,
    Reverse,
}

/// <summary>
/// The state of a lever frame at one moment: lever positions, the route set and a
/// sequence number.
/// </summary>
public sealed class LeverFrameState
{
    public LeverFrameState(IReadOnlyDictionary<int, LeverPosition> positions, string activeRoute, long sequence, DateTime changedAtUtc)
    {
        Positions = positions;
        ActiveRoute = activeRoute;
        Sequence = sequence;
        ChangedAtUtc = changedAtUtc;
    }

    public IReadOnlyDictionary<int, LeverPosition> Positions { get; }
    public string ActiveRoute { get; }
    public long Sequence { get; }
    public DateTime ChangedAtUtc { get; }
}

/// <summary>
/// Mirrors the lever frame for the signal box's diagram display. Lever movements are
/// reported by the interlocking interface on its own thread via <see cref="OnLeverMoved"/>;
/// the diagram repaint timer reads <see cref="Current"/>.
/// </summary>
public sealed class LeverFrameMirror : IDisposable
{
    private readonly System.Threading.Timer _repaint;
    private readonly Action<LeverFrameState> _draw;
    private LeverFrameState _current;

    public LeverFrameMirror(int leverCount, Action<LeverFrameState> draw)
    {
        var initial = Enumerable.Range(1, leverCount).ToDictionary(i => i, _ => LeverPosition.Normal);
        _current = new LeverFrameState(initial, "none", 0, DateTime.UtcNow);
        _draw = draw;
        _repaint = new System.Threading.Timer(_ => _draw(Current), null, 0, 200);
    }

    public LeverFrameState Current => Volatile.Read(ref _current);

    /// <summary>
    /// Called by the interlocking interface for each lever telegram.
    /// </summary>
    public void OnLeverMoved(int lever, LeverPosition position, string routeAfterMove)
    {
        var previous = Volatile.Read(ref _current);
        var positions = new Dictionary<int, LeverPosition>(previous.Positions) { [lever] = position };
        var next = new LeverFrameState(positions, routeAfterMove, previous.Sequence + 1, DateTime.UtcNow);
        Volatile.Write(ref _current, next);
    }

    public void Dispose() => _repaint.Dispose();
}

/// <summary>
/// Reads lever telegrams on a dedicated thread and forwards them to the mirror.
/// </summary>
public sealed class InterlockingInterface
{
    private readonly LeverFrameMirror _mirror;
    private readonly Func<(int Lever, LeverPosition Position, string Route)?> _nextTelegram;

    public InterlockingInterface(LeverFrameMirror mirror, Func<(int, LeverPosition, string)?> nextTelegram)
    {
        _mirror = mirror;
        _nextTelegram = nextTelegram;
    }

    public Thread Start()
    {
        var thread = new Thread(() =>
        {
            while (_nextTelegram() is { } t)
                _mirror.OnLeverMoved(t.Lever, t.Position, t.Route);
        })
        { IsBackground = true, Name = "interlocking" };
        thread.Start();
        return thread;
    }
}
