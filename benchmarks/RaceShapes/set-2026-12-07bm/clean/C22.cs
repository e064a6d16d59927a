namespace Blind65.HarbourDredging.Soundings;

public interface IEchoSounder
{
    double ReadDepthMetres();
}

/// <summary>
/// Takes depth soundings from the dredger's echo sounder. The interval adapts:
/// when the depth is changing quickly the next sounding is taken sooner. Each
/// callback schedules the next one.
/// </summary>
public sealed class AdaptiveSoundingScheduler : IDisposable
{
    private readonly object _gate = new();
    private readonly IEchoSounder _sounder;
    private readonly Action<double> _report;
    private readonly Timer _timer;
    private double _lastDepth = double.NaN;
    private TimeSpan _interval = TimeSpan.FromSeconds(5);
    private bool _started;
    private bool _disposed;

    public AdaptiveSoundingScheduler(IEchoSounder sounder, Action<double> report)
    {
        _sounder = sounder;
        _report = report;
        _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start()
    {
        lock (_gate)
        {
            if (!_disposed && !_started)
            {
                _started = true;
                _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTick(object? state)
    {
        var depth = _sounder.ReadDepthMetres();
        _report(depth);

        var change = double.IsNaN(_lastDepth) ? 0 : Math.Abs(depth - _lastDepth);
        _lastDepth = depth;
        _interval = change > 0.5 ? TimeSpan.FromSeconds(1)
            : change > 0.1 ? TimeSpan.FromSeconds(2)
            : TimeSpan.FromSeconds(5);

        lock (_gate)
        {
            if (!_disposed)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
