namespace Blind40.CheeseCaves.Climate;

public readonly record struct ClimateSample(string Sensor, double HumidityPct, double TempC);

public sealed record ClimateWindow(int Samples, double MeanHumidity, double MinTemp, double MaxTemp);

/// <summary>
/// Aggregates humidity and temperature readings from the cave's sensors into
/// one-minute windows for the affineur's log. Sensor gateways push readings
/// concurrently; a System.Timers.Timer closes each window.
/// </summary>
public sealed class CaveClimateAggregator : IDisposable
{
    private readonly object _lock = new();
    private readonly System.Timers.Timer _timer;
    private readonly Action<ClimateWindow> _log;
    private int _samples;
    private double _humiditySum;
    private double _minTemp = double.MaxValue;
    private double _maxTemp = double.MinValue;
    private ClimateWindow? _lastWindow;

    public CaveClimateAggregator(Action<ClimateWindow> log, TimeSpan window)
    {
        _log = log;
        _timer = new System.Timers.Timer(window.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => CloseWindow();
        _timer.Start();
    }

    public void Add(ClimateSample sample)
    {
        lock (_lock)
        {
            _samples++;
            _humiditySum += sample.HumidityPct;
            _minTemp = Math.Min(_minTemp, sample.TempC);
            _maxTemp = Math.Max(_maxTemp, sample.TempC);
        }
    }

    public ClimateWindow? LastWindow
    {
        get
        {
            lock (_lock)
            {
                return _lastWindow;
            }
        }
    }

    private void CloseWindow()
    {
        ClimateWindow window;
        lock (_lock)
        {
            if (_samples == 0)
            {
                return;
            }

            window = new ClimateWindow(_samples, _humiditySum / _samples, _minTemp, _maxTemp);
            _lastWindow = window;
            _samples = 0;
            _humiditySum = 0;
            _minTemp = double.MaxValue;
            _maxTemp = double.MinValue;
        }

        _log(window);
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
        CloseWindow();
    }
}
