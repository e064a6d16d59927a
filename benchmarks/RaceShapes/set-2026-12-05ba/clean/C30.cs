namespace Blind53.LighthouseFogSignals.Link;

public interface IOutstationLink
{
    bool Ping(TimeSpan timeout);
}

/// <summary>
/// Keeps the radio link to an unmanned fog-signal outstation alive and reports when it
/// drops. The status properties are read by the control-room dashboard.
/// </summary>
public sealed class OutstationKeepAlive : IDisposable
{
    private readonly IOutstationLink _link;
    private readonly System.Timers.Timer _timer;
    private readonly int _maxMisses;
    private long _lastReplyTicks;
    private int _consecutiveMisses;
    private readonly object _timerGate = new();
    private int _linkDown;
    private bool _disposed;

    public OutstationKeepAlive(IOutstationLink link, TimeSpan interval, int maxMisses)
    {
        _link = link;
        _maxMisses = maxMisses;
        _lastReplyTicks = DateTime.UtcNow.Ticks;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += OnElapsed;
    }

    public event EventHandler<bool>? LinkStateChanged;

    public DateTime LastReplyUtc => new(Interlocked.Read(ref _lastReplyTicks), DateTimeKind.Utc);

    public int ConsecutiveMisses => Volatile.Read(ref _consecutiveMisses);

    public bool IsLinkDown => Volatile.Read(ref _linkDown) == 1;

    public void Start()
    {
        lock (_timerGate)
        {
            if (!_disposed)
            {
                _timer.Start();
            }
        }
    }

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        try
        {
            if (_link.Ping(TimeSpan.FromSeconds(2)))
            {
                Interlocked.Exchange(ref _lastReplyTicks, DateTime.UtcNow.Ticks);
                Volatile.Write(ref _consecutiveMisses, 0);
                if (Interlocked.Exchange(ref _linkDown, 0) == 1)
                {
                    LinkStateChanged?.Invoke(this, true);
                }
            }
            else if (Interlocked.Increment(ref _consecutiveMisses) >= _maxMisses
                     && Interlocked.Exchange(ref _linkDown, 1) == 0)
            {
                LinkStateChanged?.Invoke(this, false);
            }
        }
        finally
        {
            Start();
        }
    }

    public void Dispose()
    {
        lock (_timerGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Stop();
            _timer.Dispose();
        }
    }
}
