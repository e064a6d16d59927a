namespace Blind26.Vineyard.FrostFans;

public interface ITemperatureProbe
{
    double ReadCelsius();
}

/// <summary>
/// Samples the air temperature at the lowest row of the vineyard and keeps a short
/// rolling window. The fan controller endpoint asks <see cref="ShouldStartFans"/>
/// whenever the night shift operator refreshes the dashboard.
/// </summary>
public sealed class FrostWatch : IDisposable
{
    private const int WindowSize = 30;

    private readonly ITemperatureProbe _probe;
    private readonly List<double> _recent = new(WindowSize + 1);
    private readonly Timer _timer;
    private readonly double _thresholdCelsius;

    public FrostWatch(ITemperatureProbe probe, double thresholdCelsius, TimeSpan samplePeriod)
    {
        _probe = probe;
        _thresholdCelsius = thresholdCelsius;
        _timer = new Timer(Sample, null, TimeSpan.Zero, samplePeriod);
    }

    private void Sample(object? state)
    {
        double reading;
        try
        {
            reading = _probe.ReadCelsius();
        }
        catch (IOException)
        {
            return;
        }

        _recent.Add(reading);
        if (_recent.Count > WindowSize)
        {
            _recent.RemoveAt(0);
        }
    }

    public bool ShouldStartFans()
    {
        if (_recent.Count < 5)
        {
            return false;
        }

        double avg = _recent.Average();
        double min = _recent.Min();
        return avg < _thresholdCelsius + 1.0 || min < _thresholdCelsius;
    }

    public double? LatestReading => _recent.Count == 0 ? null : _recent[^1];

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done))
        {
            done.WaitOne();
        }
    }
}

/// <summary>Maps dashboard requests to the frost watch.</summary>
public sealed class FanDashboard
{
    private readonly FrostWatch _watch;

    public FanDashboard(FrostWatch watch) => _watch = watch;

    public string Status()
    {
        var latest = _watch.LatestReading;
        string temp = latest is null ? "n/a" : $"{latest:F1} °C";
        return _watch.ShouldStartFans() ? $"FANS ON ({temp})" : $"standby ({temp})";
    }
}
