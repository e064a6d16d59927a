namespace Blind37.CiderPress.Monitoring;

public readonly record struct PressReading(double PressureBar, double JuiceLitres, double JuiceTemperatureC, DateTime TakenUtc);

/// <summary>
/// Latest readings from the rack-and-cloth press. The sensor driver pushes samples from its
/// own thread; the dashboard endpoint and the over-pressure alarm read them from request
/// and timer threads. Registered as a singleton.
/// </summary>
public sealed class PressMonitor
{
    private readonly object _gate = new();
    private PressReading _latest;
    private double _peakPressureBar;
    private double _juiceSinceReset;

    public void OnSensorSample(double pressureBar, double juiceLitres, double temperatureC)
    {
        lock (_gate)
        {
            var added = Math.Max(0, juiceLitres - _latest.JuiceLitres);
            _latest = new PressReading(pressureBar, juiceLitres, temperatureC, DateTime.UtcNow);
            _juiceSinceReset += added;
            if (pressureBar > _peakPressureBar)
            {
                _peakPressureBar = pressureBar;
            }
        }
    }

    public PressReading Latest => _latest;

    public double PeakPressureBar
    {
        get
        {
            lock (_gate)
            {
                return _peakPressureBar;
            }
        }
    }

    public double ResetBatch()
    {
        lock (_gate)
        {
            var juice = _juiceSinceReset;
            _juiceSinceReset = 0;
            _peakPressureBar = 0;
            return juice;
        }
    }
}

/// <summary>Checks the press every second and sounds the alarm when the cloths are over-squeezed.</summary>
public sealed class OverPressureAlarm : IDisposable
{
    private readonly PressMonitor _monitor;
    private readonly double _limitBar;
    private readonly Action<string> _sound;
    private readonly Timer _timer;

    public OverPressureAlarm(PressMonitor monitor, double limitBar, Action<string> sound)
    {
        _monitor = monitor;
        _limitBar = limitBar;
        _sound = sound;
        _timer = new Timer(_ => Check(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private void Check()
    {
        var reading = _monitor.Latest;
        if (reading.PressureBar > _limitBar)
        {
            _sound($"Press at {reading.PressureBar:F1} bar ({reading.JuiceTemperatureC:F1} C, {reading.JuiceLitres:F0} l) at {reading.TakenUtc:T}");
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Serves the dashboard tile on the cider house tablet.</summary>
public sealed class PressDashboard
{
    private readonly PressMonitor _monitor;

    public PressDashboard(PressMonitor monitor) => _monitor = monitor;

    public object GetTile()
    {
        var reading = _monitor.Latest;
        return new
        {
            reading.PressureBar,
            reading.JuiceLitres,
            reading.JuiceTemperatureC,
            Peak = _monitor.PeakPressureBar,
            AgeSeconds = (DateTime.UtcNow - reading.TakenUtc).TotalSeconds,
        };
    }
}
