namespace Regatta.StartLine;

public enum StartSignal { None, Warning, Preparatory, OneMinute, Start, Postponed }

/// <summary>
/// Drives the five-minute start sequence for a race. The race officer's console calls
/// <see cref="Postpone"/> and <see cref="Resume"/> from its UI thread while the sequence timer ticks.
/// </summary>
public sealed class StartSequence : IDisposable
{
    private readonly Timer _timer;
    private readonly Action<StartSignal, int> _announce;
    private int _secondsRemaining;
    private volatile bool _running;

    public StartSequence(Action<StartSignal, int> announce)
    {
        _announce = announce;
        _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Begin()
    {
        _secondsRemaining = 300;
        _running = true;
        _timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _announce(StartSignal.Warning, 300);
    }

    public void Postpone()
    {
        _running = false;
        _announce(StartSignal.Postponed, 0);
    }

    /// <summary>Restarts the sequence from the warning signal after a postponement.</summary>
    public void Resume()
    {
        _secondsRemaining = 300;
        _running = true;
        _announce(StartSignal.Warning, 300);
    }

    private void OnTick(object? state)
    {
        if (!_running)
            return;

        var remaining = --_secondsRemaining;
        switch (remaining)
        {
            case 240: _announce(StartSignal.Preparatory, remaining); break;
            case 60: _announce(StartSignal.OneMinute, remaining); break;
            case 0:
                _running = false;
                _announce(StartSignal.Start, 0);
                break;
        }
    }

    public void Dispose() => _timer.Dispose();
}
