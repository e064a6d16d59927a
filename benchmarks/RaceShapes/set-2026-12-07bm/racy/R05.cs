using System.Collections.Generic;

namespace Blind65.Glassblowing.Kilns;

public interface IThermocouple
{
    double ReadCelsius();
}

/// <summary>
/// Samples the annealing kiln thermocouple every few seconds and keeps a rolling
/// average over the last <c>windowSize</c> readings. The studio web page polls
/// <see cref="CurrentAverage"/> and <see cref="IsWithinBand"/>.
/// </summary>
public sealed class AnnealingKilnMonitor : IDisposable
{
    private readonly IThermocouple _probe;
    private readonly System.Timers.Timer _timer;
    private readonly Queue<double> _window = new();
    private readonly int _windowSize;
    private double _runningSum;

    public AnnealingKilnMonitor(IThermocouple probe, int windowSize, TimeSpan interval)
    {
        _probe = probe;
        _windowSize = windowSize;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += OnSample;
    }

    public void Start() => _timer.Start();

    private void OnSample(object? sender, System.Timers.ElapsedEventArgs e)
    {
        try
        {
            var reading = _probe.ReadCelsius();
            _window.Enqueue(reading);
            _runningSum += reading;
            if (_window.Count > _windowSize)
            {
                _runningSum -= _window.Dequeue();
            }
        }
        finally
        {
            // Re-arm only after the previous read has finished so slow probes don't pile up.
            _timer.Start();
        }
    }

    public double CurrentAverage
    {
        get
        {
            var count = _window.Count;
            return count == 0 ? double.NaN : _runningSum / count;
        }
    }

    public bool IsWithinBand(double targetCelsius, double tolerance)
    {
        var average = CurrentAverage;
        return !double.IsNaN(average) && Math.Abs(average - targetCelsius) <= tolerance;
    }

    public void Dispose()
    {
        _timer.Elapsed -= OnSample;
        _timer.Dispose();
    }
}

public sealed class KilnStatusEndpoint
{
    private readonly AnnealingKilnMonitor _monitor;

    public KilnStatusEndpoint(AnnealingKilnMonitor monitor) => _monitor = monitor;

    public object Get() => new
    {
        average = _monitor.CurrentAverage,
        ready = _monitor.IsWithinBand(482, 5),
    };
}
