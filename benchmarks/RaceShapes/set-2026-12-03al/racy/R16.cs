namespace Blind38.ChessClub.Clocks;

public enum Side
{
    White = 0,
    Black = 1,
}

/// <summary>
/// Digital game clock for club blitz nights with a Fischer increment. The tick timer runs
/// on the thread pool; <see cref="Press"/> is called from the board's input thread when a
/// player hits their button.
/// </summary>
public sealed class FischerClock : IDisposable
{
    private const int TickMs = 100;

    private readonly long[] _remainingMs = new long[2];
    private readonly long _incrementMs;
    private readonly Timer _ticker;
    private int _activeSide;
    private int _flagged = -1;

    public FischerClock(TimeSpan baseTime, TimeSpan increment)
    {
        _remainingMs[0] = _remainingMs[1] = (long)baseTime.TotalMilliseconds;
        _incrementMs = (long)increment.TotalMilliseconds;
        _ticker = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
    }

    public event Action<Side>? Flagged;

    public void Start(Side first)
    {
        Volatile.Write(ref _activeSide, (int)first);
        _ticker.Change(TickMs, TickMs);
    }

    public TimeSpan Remaining(Side side) =>
        TimeSpan.FromMilliseconds(Math.Max(0, Interlocked.Read(ref _remainingMs[(int)side])));

    public void Press(Side mover)
    {
        if (Volatile.Read(ref _activeSide) != (int)mover || Volatile.Read(ref _flagged) >= 0)
        {
            return;
        }

        _remainingMs[(int)mover] += _incrementMs;
        Volatile.Write(ref _activeSide, 1 - (int)mover);
    }

    private void OnTick(object? state)
    {
        if (Volatile.Read(ref _flagged) >= 0)
        {
            return;
        }

        var side = Volatile.Read(ref _activeSide);
        var left = Interlocked.Add(ref _remainingMs[side], -TickMs);
        if (left <= 0 && Interlocked.CompareExchange(ref _flagged, side, -1) == -1)
        {
            _ticker.Change(Timeout.Infinite, Timeout.Infinite);
            Flagged?.Invoke((Side)side);
        }
    }

    public void Dispose() => _ticker.Dispose();
}
