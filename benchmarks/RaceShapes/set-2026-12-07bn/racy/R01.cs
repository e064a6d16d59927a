namespace Blind66.Lighthouse.LampMetrics;

/// <summary>
/// Collects lamp rotation periods reported by the lantern-room sensors and publishes a
/// rolling average once per window. Registered as an app-wide singleton; <see cref="Record"/>
/// is called from every sensor connection handler.
/// </summary>
public sealed class RotationPeriodAggregator : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly Action<string, double> _publish;
    private List<double> _samples = new();
    private double _lastAverage;
    private int _windowsPublished;

    public RotationPeriodAggregator(Action<string, double> publish, TimeSpan window)
    {
        _publish = publish ?? throw new ArgumentNullException(nameof(publish));
        _timer = new Timer(_ => Rollover(), null, window, window);
    }

    /// <summary>Average rotation period of the last completed window, in seconds.</summary>
    public double LastAverage
    {
        get { lock (_gate) return _lastAverage; }
    }

    public int WindowsPublished
    {
        get { lock (_gate) return _windowsPublished; }
    }

    /// <summary>Records one full rotation of the lens carriage.</summary>
    public void Record(double seconds)
    {
        if (seconds <= 0 || double.IsNaN(seconds) || seconds > 120)
        {
            return;
        }

        lock (_samples)
        {
            _samples.Add(seconds);
        }
    }

    private void Rollover()
    {
        List<double> batch;
        lock (_samples)
        {
            batch = _samples;
            _samples = new List<double>(Math.Max(16, batch.Count));
        }

        if (batch.Count == 0)
        {
            return;
        }

        double sum = 0;
        foreach (var s in batch)
        {
            sum += s;
        }

        var average = sum / batch.Count;
        lock (_gate)
        {
            _lastAverage = average;
            _windowsPublished++;
        }

        _publish("lantern.rotation.period.avg", average);
    }

    public void Dispose() => _timer.Dispose();
}
