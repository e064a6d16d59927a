namespace Blind46.KiteFestival.Gates;

/// <summary>
/// Counts visitors through the festival turnstiles over the last minute.
/// Turnstile controllers report entries from their own I/O threads; the
/// stewards' dashboard polls <see cref="EntriesLastMinute"/>.
/// </summary>
public sealed class GateThroughputMonitor : IDisposable
{
    private const int SlotCount = 60;

    private readonly object _lock = new();
    private readonly int[] _slots = new int[SlotCount];
    private readonly System.Timers.Timer _rotateTimer;
    private int _currentSlot;
    private int _total;

    public GateThroughputMonitor()
    {
        _rotateTimer = new System.Timers.Timer(1000) { AutoReset = true };
        _rotateTimer.Elapsed += (_, _) => Rotate();
        _rotateTimer.Start();
    }

    public void RecordEntry(int visitors = 1)
    {
        lock (_lock)
        {
            _slots[_currentSlot] += visitors;
            _total += visitors;
        }
    }

    public int EntriesLastMinute
    {
        get { lock (_lock) return _total; }
    }

    public int[] PerSecondHistory()
    {
        lock (_lock)
        {
            var copy = new int[SlotCount];
            for (int i = 0; i < SlotCount; i++)
                copy[i] = _slots[(_currentSlot + 1 + i) % SlotCount];
            return copy;
        }
    }

    // drops the oldest second out of the window
    private void Rotate()
    {
        int next = (_currentSlot + 1) % SlotCount;
        _total -= _slots[next];
        _slots[next] = 0;
        _currentSlot = next;
    }

    public void Dispose()
    {
        _rotateTimer.Stop();
        _rotateTimer.Dispose();
    }
}

public sealed class TurnstileListener
{
    private readonly GateThroughputMonitor _monitor;

    public TurnstileListener(GateThroughputMonitor monitor) => _monitor = monitor;

    public void OnPulse(object? sender, int count)
    {
        if (count > 0)
            _monitor.RecordEntry(count);
    }
}
