namespace Blind44.ClockTowers.Chimes;

public interface IPendulumSensor
{
    /// <summary>Reads the 24 hourly drift offsets, in milliseconds, measured by the pendulum rig.</summary>
    double[] ReadHourlyOffsets();
    TimeSpan CurrentDrift();
}

/// <summary>
/// Drives the tower's chime mechanism. A one-second timer ticks on the thread pool;
/// the maintenance web page asks for the current correction from request threads.
/// </summary>
public sealed class ChimeController : IDisposable
{
    private readonly IPendulumSensor _sensor;
    private readonly Action<int> _strike;
    private Timer? _timer;
    private volatile bool _calibrated;
    private double[] _hourlyOffsets = Array.Empty<double>();
    private int _lastStruckHour = -1;

    public ChimeController(IPendulumSensor sensor, Action<int> strike)
    {
        _sensor = sensor;
        _strike = strike;
    }

    public void Start() =>
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    private void OnTick(object? state)
    {
        if (!_calibrated)
        {
            // Flag first so a slow sensor read doesn't make the next tick calibrate again.
            _calibrated = true;
            _hourlyOffsets = _sensor.ReadHourlyOffsets();
        }

        var now = DateTime.Now;
        var corrected = now.AddMilliseconds(-_hourlyOffsets[now.Hour]);
        if (corrected.Minute == 0 && Interlocked.Exchange(ref _lastStruckHour, corrected.Hour) != corrected.Hour)
            _strike(corrected.Hour % 12 == 0 ? 12 : corrected.Hour % 12);
    }

    /// <summary>Correction applied for the given hour, shown on the maintenance page.</summary>
    public double CorrectionFor(int hour)
    {
        if (!_calibrated)
            return 0;
        return _hourlyOffsets[hour];
    }

    public string Describe()
    {
        var drift = _sensor.CurrentDrift();
        return _calibrated
            ? $"Calibrated, current drift {drift.TotalMilliseconds:F0} ms"
            : "Awaiting calibration";
    }

    public void Dispose() => _timer?.Dispose();
}

/// <summary>Minimal maintenance endpoint handler.</summary>
public sealed class MaintenancePage
{
    private readonly ChimeController _controller;

    public MaintenancePage(ChimeController controller) => _controller = controller;

    public string Render()
    {
        var rows = Enumerable.Range(0, 24)
            .Select(h => $"{h:D2}:00  {_controller.CorrectionFor(h):+0.0;-0.0} ms");
        return _controller.Describe() + Environment.NewLine + string.Join(Environment.NewLine, rows);
    }
}
