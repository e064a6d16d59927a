namespace Blind66.Lighthouse.Fuel;

/// <summary>
/// Rolling average of lantern paraffin consumption. Registered as a singleton; the tank
/// gauges report through <see cref="Record"/> from their own connection threads and a
/// timer closes each window.
/// </summary>
public sealed class FuelBurnAggregator : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly Action<string, double> _publish;
    private List<double> _window = new();
    private double _lastAverage;
    private long _windowsClosed;

    public FuelBurnAggregator(Action<string, double> publish, TimeSpan window)
    {
        _publish = publish ?? throw new ArgumentNullException(nameof(publish));
        _timer = new Timer(_ => CloseWindow(), null, window, window);
    }

    public double LastAverage
    {
        get
        {
            lock (_gate)
            {
                return _lastAverage;
            }
        }
    }

    public long WindowsClosed
    {
        get
        {
            lock (_gate)
            {
                return _windowsClosed;
            }
        }
    }

    /// <summary>Litres burnt per hour as measured by one tank gauge.</summary>
    public void Record(double litresPerHour)
    {
        if (litresPerHour < 0 || double.IsNaN(litresPerHour))
        {
            return;
        }

        lock (_gate)
        {
            _window.Add(litresPerHour);
        }
    }

    private void CloseWindow()
    {
        List<double> closed;
        lock (_gate)
        {
            closed = _window;
            _window = new List<double>(Math.Max(16, closed.Count));
        }

        if (closed.Count == 0)
        {
            return;
        }

        var average = closed.Average();
        lock (_gate)
        {
            _lastAverage = average;
            _windowsClosed++;
        }

        _publish("lantern.fuel.burn.avg", average);
    }

    public void Dispose() => _timer.Dispose();
}
