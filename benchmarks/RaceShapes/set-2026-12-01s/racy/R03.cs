namespace Surtitles.Playback;

public sealed record SurtitleCue(int Number, string Original, string Translation, TimeSpan? AutoAdvanceAfter);

public interface ISurtitleDisplay
{
    void Show(SurtitleCue cue);
    void Blank();
}

/// <summary>
/// Drives the surtitle projector during a performance. The operator console calls
/// <see cref="Next"/> and <see cref="Previous"/> from its keypad thread; cues that
/// carry an auto-advance delay (fast patter passages) are stepped by a timer.
/// </summary>
public sealed class CuePlayer : IDisposable
{
    private readonly IReadOnlyList<SurtitleCue> _cues;
    private readonly ISurtitleDisplay _display;
    private readonly Timer _autoTimer;
    private int _position = -1;

    public CuePlayer(IReadOnlyList<SurtitleCue> cues, ISurtitleDisplay display)
    {
        _cues = cues;
        _display = display;
        _autoTimer = new Timer(OnAutoAdvance, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Next()
    {
        _position++;
        ShowCurrent();
    }

    public void Previous()
    {
        if (_position > 0)
            _position--;
        ShowCurrent();
    }

    private void OnAutoAdvance(object? state)
    {
        _position++;
        ShowCurrent();
    }

    private void ShowCurrent()
    {
        int pos = _position;
        if (pos < 0 || pos >= _cues.Count)
        {
            _display.Blank();
            _autoTimer.Change(Timeout.Infinite, Timeout.Infinite);
            return;
        }

        var cue = _cues[pos];
        _display.Show(cue);

        if (cue.AutoAdvanceAfter is { } delay)
            _autoTimer.Change(delay, Timeout.InfiniteTimeSpan);
        else
            _autoTimer.Change(Timeout.Infinite, Timeout.Infinite);
    }

    public void Dispose() => _autoTimer.Dispose();
}
