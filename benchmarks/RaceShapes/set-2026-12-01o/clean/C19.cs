namespace TrafficControl.Signals;

public enum SignalPhase
{
    NorthSouthGreen,
    NorthSouthAmber,
    AllRed,
    EastWestGreen,
    EastWestAmber,
}

public sealed class PhaseChangedEventArgs : EventArgs
{
    public PhaseChangedEventArgs(SignalPhase previous, SignalPhase current, DateTime at)
    {
        Previous = previous;
        Current = current;
        At = at;
    }

    public SignalPhase Previous { get; }
    public SignalPhase Current { get; }
    public DateTime At { get; }
}

/// <summary>
/// Fixed-time signal plan for a single junction. The cycle runs on a dedicated thread;
/// the junction monitor window subscribes to <see cref="PhaseChanged"/>.
/// </summary>
public sealed class FixedTimeSignalController : IDisposable
{
    private static readonly (SignalPhase Phase, TimeSpan Duration)[] Plan =
    {
        (SignalPhase.NorthSouthGreen, TimeSpan.FromSeconds(30)),
        (SignalPhase.NorthSouthAmber, TimeSpan.FromSeconds(3)),
        (SignalPhase.AllRed, TimeSpan.FromSeconds(2)),
        (SignalPhase.EastWestGreen, TimeSpan.FromSeconds(25)),
        (SignalPhase.EastWestAmber, TimeSpan.FromSeconds(3)),
        (SignalPhase.AllRed, TimeSpan.FromSeconds(2)),
    };

    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _cycleThread;
    private int _currentPhase = (int)SignalPhase.AllRed;

    public FixedTimeSignalController(string junctionId)
    {
        _cycleThread = new Thread(RunCycle) { IsBackground = true, Name = $"signals-{junctionId}" };
    }

    public event EventHandler<PhaseChangedEventArgs>? PhaseChanged;

    public SignalPhase CurrentPhase => (SignalPhase)Volatile.Read(ref _currentPhase);

    public void Start() => _cycleThread.Start();

    private void RunCycle()
    {
        var step = 0;
        while (!_stop.IsSet)
        {
            var (phase, duration) = Plan[step];
            var previous = (SignalPhase)Interlocked.Exchange(ref _currentPhase, (int)phase);
            OnPhaseChanged(new PhaseChangedEventArgs(previous, phase, DateTime.UtcNow));

            _stop.Wait(duration);
            step = (step + 1) % Plan.Length;
        }
    }

    private void OnPhaseChanged(PhaseChangedEventArgs args)
    {
        var handler = Volatile.Read(ref PhaseChanged);
        handler?.Invoke(this, args);
    }

    public void Dispose()
    {
        _stop.Set();
        if (_cycleThread.IsAlive)
        {
            _cycleThread.Join();
        }

        _stop.Dispose();
    }
}
