namespace Surtitles.Console;

public sealed record Cue(int Number, string Line, TimeSpan? AutoAdvanceAfter);

public interface IProjector
{
    void Show(Cue cue);
    void Blank();
}

/// <summary>
/// Surtitle cue stepping for the operator console. The keypad thread calls
/// <see cref="Next"/>, <see cref="Previous"/> and <see cref="GoTo"/>; auto-advance
/// cues are stepped from a timer callback.
/// </summary>
public sealed class CueStepper : IDisposable
{
    private readonly object _sync = new();
    private readonly IReadOnlyList<Cue> _cues;
    private readonly IProjector _projector;
    private readonly Timer _timer;
    private int _position = -1;

    public CueStepper(IReadOnlyList<Cue> cues, IProjector projector)
    {
        _cues = cues;
        _projector = projector;
        _timer = new Timer(_ => Step(+1), null, Timeout.Infinite, Timeout.Infinite);
    }

    public int Position
    {
        get { lock (_sync) return _position; }
    }

    public void Next() => Step(+1);

    public void Previous() => Step(-1);

    public void GoTo(int cueNumber)
    {
        lock (_sync)
        {
            int index = -1;
            for (int i = 0; i < _cues.Count; i++)
            {
                if (_cues[i].Number == cueNumber) { index = i; break; }
            }
            if (index < 0)
                return;
            _position = index;
            ShowLocked();
        }
    }

    private void Step(int delta)
    {
        lock (_sync)
        {
            _position = Math.Clamp(_position + delta, 0, _cues.Count);
            ShowLocked();
        }
    }

    private void ShowLocked()
    {
        if (_position >= _cues.Count)
        {
            _projector.Blank();
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            return;
        }

        var cue = _cues[_position];
        _projector.Show(cue);
        if (cue.AutoAdvanceAfter is { } delay)
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        else
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _timer.Dispose();
        }
    }
}
