namespace Blind57.BellRingers.Striking;

public sealed class BellStrikeEventArgs : EventArgs
{
    public BellStrikeEventArgs(int bell, TimeSpan at) { Bell = bell; At = at; }
    public int Bell { get; }
    public TimeSpan At { get; }
}

public interface IStrikeSensorPort
{
    (int Bell, TimeSpan At)? ReadStrike(TimeSpan timeout);
}

/// <summary>
/// Reads bell strikes from the tower's optical sensors on a dedicated thread and raises
/// <see cref="BellStruck"/> for each one. Listeners subscribe and unsubscribe from the UI thread.
/// </summary>
public sealed class TowerBellSensor : IDisposable
{
    private readonly IStrikeSensorPort _port;
    private readonly Thread _reader;
    private volatile bool _running;

    public TowerBellSensor(IStrikeSensorPort port)
    {
        _port = port;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "bell-sensor" };
    }

    public event EventHandler<BellStrikeEventArgs>? BellStruck;

    public void Start()
    {
        _running = true;
        _reader.Start();
    }

    private void ReadLoop()
    {
        while (_running)
        {
            if (_port.ReadStrike(TimeSpan.FromMilliseconds(250)) is not { } strike) continue;

            var handlers = Volatile.Read(ref BellStruck);
            handlers?.Invoke(this, new BellStrikeEventArgs(strike.Bell, strike.At));
        }
    }

    public void Dispose()
    {
        _running = false;
        if (_reader.IsAlive) _reader.Join();
    }
}

/// <summary>Counts strikes per bell during a practice night for the striking report.</summary>
public sealed class StrikeCounter : IDisposable
{
    private readonly TowerBellSensor _sensor;
    private readonly int[] _counts;

    public StrikeCounter(TowerBellSensor sensor, int bells)
    {
        _sensor = sensor;
        _counts = new int[bells + 1];
        _sensor.BellStruck += OnStrike;
    }

    private void OnStrike(object? sender, BellStrikeEventArgs e)
    {
        if (e.Bell > 0 && e.Bell < _counts.Length)
        {
            Interlocked.Increment(ref _counts[e.Bell]);
        }
    }

    public int CountFor(int bell) => Volatile.Read(ref _counts[bell]);

    public void Dispose() => _sensor.BellStruck -= OnStrike;
}
