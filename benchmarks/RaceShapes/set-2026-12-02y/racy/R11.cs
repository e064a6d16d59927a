namespace Carillon.Recitals;

public readonly record struct BellStrike(int Bell, string Note, int Velocity, TimeSpan Offset);

public interface IStrikeListener
{
    void OnStrike(BellStrike strike);
}

/// <summary>
/// Plays a recital score on the carillon clavier. Playback runs on a dedicated
/// thread so the timing is not disturbed by the UI. Listeners (the recording
/// desk, the tower display, the live stream overlay) may attach or detach at any
/// time, including while a recital is playing.
/// </summary>
public sealed class RecitalPlayer : IDisposable
{
    private readonly List<IStrikeListener> _listeners = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _playback;

    public void Attach(IStrikeListener listener)
    {
        if (!_listeners.Contains(listener))
        {
            _listeners.Add(listener);
        }
    }

    public void Detach(IStrikeListener listener) => _listeners.Remove(listener);

    public void Start(IReadOnlyList<BellStrike> score)
    {
        if (_playback is not null)
        {
            throw new InvalidOperationException("A recital is already playing.");
        }

        _playback = new Thread(() => Play(score, _stop.Token))
        {
            IsBackground = true,
            Name = "carillon-playback",
            Priority = ThreadPriority.AboveNormal,
        };
        _playback.Start();
    }

    private void Play(IReadOnlyList<BellStrike> score, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var strike in score)
        {
            var wait = strike.Offset - clock.Elapsed;
            if (wait > TimeSpan.Zero && ct.WaitHandle.WaitOne(wait))
            {
                return;
            }

            foreach (var listener in _listeners)
            {
                listener.OnStrike(strike);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _playback?.Join();
        _stop.Dispose();
    }
}

public sealed class TowerDisplay : IStrikeListener
{
    private int _lastBell = -1;

    public int LastBell => Volatile.Read(ref _lastBell);

    public void OnStrike(BellStrike strike) => Volatile.Write(ref _lastBell, strike.Bell);
}
