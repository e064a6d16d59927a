namespace Vineyard.Frost.FanCycles;

public interface IFanStarter
{
    bool IsSpinning { get; }
}

/// <summary>
/// Counts start cycles of a frost fan engine. The starter is sampled on a timer and
/// technicians can also record bench-test starts from the field tablet.
/// </summary>
public sealed class FanCycleCounter : IDisposable
{
    private readonly object _gate = new();
    private readonly IFanStarter _starter;
    private readonly Timer _timer;
    private bool _wasSpinning;
    private int _starts;
    private DateTime _lastStartUtc;

    public FanCycleCounter(IFanStarter starter, TimeSpan sampleEvery)
    {
        _starter = starter;
        _timer = new Timer(Sample, null, sampleEvery, sampleEvery);
    }

    public int Starts
    {
        get
        {
            lock (_gate)
            {
                return _starts;
            }
        }
    }

    public DateTime LastStartUtc
    {
        get
        {
            lock (_gate)
            {
                return _lastStartUtc;
            }
        }
    }

    public void RecordBenchStart()
    {
        lock (_gate)
        {
            _starts++;
            _lastStartUtc = DateTime.UtcNow;
        }
    }

    private void Sample(object? state)
    {
        var spinning = _starter.IsSpinning;
        lock (_gate)
        {
            if (spinning && !_wasSpinning)
            {
                _starts++;
                _lastStartUtc = DateTime.UtcNow;
            }
            _wasSpinning = spinning;
        }
    }

    public void Dispose() => _timer.Dispose();
}
