namespace Blind36.PotteryKiln.Monitoring;

public readonly record struct KilnSample(DateTime TakenAt, double Celsius);

public interface IThermocouple
{
    double ReadCelsius();
}

/// <summary>
/// Samples a kiln thermocouple every few seconds and keeps the last hour of readings
/// for the firing chart on the studio tablet.
/// </summary>
public sealed class KilnMonitor : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const int MaxSamples = 720;

    private readonly IThermocouple _probe;
    private readonly List<KilnSample> _samples = new();
    private readonly Timer _timer;

    public KilnMonitor(IThermocouple probe)
    {
        _probe = probe;
        _timer = new Timer(OnTick, null, Interval, Timeout.InfiniteTimeSpan);
    }

    public IReadOnlyList<KilnSample> Samples => _samples;

    private void OnTick(object? state)
    {
        try
        {
            var sample = new KilnSample(DateTime.UtcNow, _probe.ReadCelsius());
            _samples.Add(sample);
            if (_samples.Count > MaxSamples)
                _samples.RemoveAt(0);
        }
        finally
        {
            // Schedule the next reading only once this one is done.
            _timer.Change(Interval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>View-model behind the firing chart; refreshed by the UI when the user taps "update".</summary>
public sealed class FiringChartViewModel
{
    private readonly KilnMonitor _monitor;

    public FiringChartViewModel(KilnMonitor monitor) => _monitor = monitor;

    public double AverageLastTen { get; private set; }
    public double Peak { get; private set; }

    public void Refresh()
    {
        var samples = _monitor.Samples;
        if (samples.Count == 0)
            return;

        Peak = samples.Max(s => s.Celsius);
        AverageLastTen = samples.Skip(Math.Max(0, samples.Count - 10)).Average(s => s.Celsius);
    }
}
