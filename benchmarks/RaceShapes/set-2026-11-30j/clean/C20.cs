namespace Blind10.Networking.Heartbeats;

public sealed class HeartbeatMissedEventArgs : EventArgs
{
    public HeartbeatMissedEventArgs(int missedInARow, TimeSpan silence)
    {
        MissedInARow = missedInARow;
        Silence = silence;
    }

    public int MissedInARow { get; }
    public TimeSpan Silence { get; }
}

/// <summary>
/// Watches the heartbeat frames of a broker connection. The socket receive loop calls
/// <see cref="OnHeartbeatReceived"/>; a timer checks for silence and raises events.
/// </summary>
public sealed class HeartbeatMonitor : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly Timer _timer;
    private long _lastHeartbeatTicks;
    private int _missedInARow;

    public HeartbeatMonitor(TimeSpan timeout)
    {
        _timeout = timeout;
        _lastHeartbeatTicks = Environment.TickCount64;
        _timer = new Timer(CheckHeartbeat, null, timeout, timeout);
    }

    public event EventHandler<HeartbeatMissedEventArgs>? HeartbeatMissed;

    public event EventHandler? HeartbeatRestored;

    public void OnHeartbeatReceived() => Interlocked.Exchange(ref _lastHeartbeatTicks, Environment.TickCount64);

    private void CheckHeartbeat(object? state)
    {
        long silenceMs = Environment.TickCount64 - Interlocked.Read(ref _lastHeartbeatTicks);
        if (silenceMs > _timeout.TotalMilliseconds)
        {
            int missed = Interlocked.Increment(ref _missedInARow);
            var handler = HeartbeatMissed;
            handler?.Invoke(this, new HeartbeatMissedEventArgs(missed, TimeSpan.FromMilliseconds(silenceMs)));
        }
        else if (Interlocked.Exchange(ref _missedInARow, 0) > 0)
        {
            var handler = HeartbeatRestored;
            handler?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose() => _timer.Dispose();
}

public sealed class BrokerConnectionSupervisor
{
    private readonly HeartbeatMonitor _monitor;
    private readonly Action _reconnect;
    private int _reconnectRequested;

    public BrokerConnectionSupervisor(HeartbeatMonitor monitor, Action reconnect)
    {
        _monitor = monitor;
        _reconnect = reconnect;
        _monitor.HeartbeatMissed += OnMissed;
        _monitor.HeartbeatRestored += (_, _) => Volatile.Write(ref _reconnectRequested, 0);
    }

    private void OnMissed(object? sender, HeartbeatMissedEventArgs e)
    {
        if (e.MissedInARow >= 3 && Interlocked.CompareExchange(ref _reconnectRequested, 1, 0) == 0)
        {
            _reconnect();
        }
    }
}
