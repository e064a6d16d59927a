namespace Blind38.ChessClub.Tournament;

public enum Player
{
    White,
    Black,
}

/// <summary>
/// Tournament clock with a simple (US-style) delay before each move's time starts running. The tick timer
/// runs on the thread pool and the button presses arrive from the board's input thread;
/// the arbiter's display reads the times from the UI thread.
/// </summary>
public sealed class DelayClock : IDisposable
{
    private readonly object _sync = new();
    private readonly TimeSpan[] _remaining = new TimeSpan[2];
    private readonly TimeSpan _delay;
    private readonly Timer _timer;
    private Player _toMove = Player.White;
    private TimeSpan _delayLeft;
    private DateTime _lastTickUtc;
    private Player? _flagFell;

    public DelayClock(TimeSpan perPlayer, TimeSpan delay)
    {
        _remaining[0] = _remaining[1] = perPlayer;
        _delay = delay;
        _delayLeft = delay;
        _timer = new Timer(_ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start()
    {
        lock (_sync)
        {
            _lastTickUtc = DateTime.UtcNow;
            _timer.Change(50, 50);
        }
    }

    public void Press(Player mover)
    {
        lock (_sync)
        {
            if (_flagFell is not null || mover != _toMove)
            {
                return;
            }

            Advance(DateTime.UtcNow);
            _toMove = mover == Player.White ? Player.Black : Player.White;
            _delayLeft = _delay;
        }
    }

    public (TimeSpan White, TimeSpan Black, Player ToMove, Player? Flag) Read()
    {
        lock (_sync)
        {
            return (_remaining[0], _remaining[1], _toMove, _flagFell);
        }
    }

    private void Tick()
    {
        lock (_sync)
        {
            if (_flagFell is null)
            {
                Advance(DateTime.UtcNow);
            }
        }
    }

    private void Advance(DateTime now)
    {
        var elapsed = now - _lastTickUtc;
        _lastTickUtc = now;

        var fromDelay = elapsed < _delayLeft ? elapsed : _delayLeft;
        _delayLeft -= fromDelay;
        elapsed -= fromDelay;

        var index = (int)_toMove;
        _remaining[index] -= elapsed;
        if (_remaining[index] <= TimeSpan.Zero)
        {
            _remaining[index] = TimeSpan.Zero;
            _flagFell = _toMove;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    public void Dispose() => _timer.Dispose();
}
