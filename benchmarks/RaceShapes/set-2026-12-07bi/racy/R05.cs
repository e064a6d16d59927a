namespace Blind61.Distillery;

public sealed record StillThroughput(string StillName, long LitresPerWindow, DateTimeOffset WindowEnd);

/// <summary>
/// Counts litres of low wines passing each still's flow meter and publishes a per-window
/// total every minute. Meter pulses arrive on the serial reader threads.
/// </summary>
public sealed class StillFlowCounter : IDisposable
{
    private readonly string _stillName;
    private readonly Action<StillThroughput> _publish;
    private readonly Timer _timer;
    private long _litresThisWindow;
    private long _litresSinceStart;

    public StillFlowCounter(string stillName, Action<StillThroughput> publish, TimeSpan window)
    {
        _stillName = stillName;
        _publish = publish;
        _timer = new Timer(OnWindowElapsed, null, window, window);
    }

    /// <summary>Called from the meter's serial reader for every pulse batch.</summary>
    public void RecordPulse(int litres)
    {
        Interlocked.Add(ref _litresThisWindow, litres);
        Interlocked.Add(ref _litresSinceStart, litres);
    }

    public long LitresSinceStart => Interlocked.Read(ref _litresSinceStart);

    private void OnWindowElapsed(object? state)
    {
        var litres = _litresThisWindow;
        _litresThisWindow = 0;
        _publish(new StillThroughput(_stillName, litres, DateTimeOffset.UtcNow));
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Reads pulse frames from a flow meter on a dedicated thread.</summary>
public sealed class FlowMeterReader
{
    private readonly Stream _port;
    private readonly StillFlowCounter _counter;
    private Thread? _thread;
    private volatile bool _stopping;

    public FlowMeterReader(Stream port, StillFlowCounter counter)
    {
        _port = port;
        _counter = counter;
    }

    public void Start()
    {
        _thread = new Thread(ReadLoop) { IsBackground = true, Name = "flow-meter" };
        _thread.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(2));
    }

    private void ReadLoop()
    {
        Span<byte> frame = stackalloc byte[4];
        while (!_stopping)
        {
            if (_port.Read(frame) < 4)
                continue;
            // frame: [0xA5][litres hi][litres lo][checksum]
            if (frame[0] != 0xA5 || (byte)(frame[1] ^ frame[2]) != frame[3])
                continue;
            _counter.RecordPulse((frame[1] << 8) | frame[2]);
        }
    }
}
