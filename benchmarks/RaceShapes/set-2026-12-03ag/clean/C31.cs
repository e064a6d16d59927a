namespace Clocktower.Winding;

public readonly record struct WeightReading(int Sample, double DropMillimetres);

public interface IWeightSensor
{
    double ReadDropMillimetres();
}

/// <summary>
/// Samples how far the going-train weight has dropped while the clock
/// maintainer runs a winding check. The sampler runs on its own thread until
/// stopped.
/// </summary>
public sealed class WindingCheck
{
    private readonly IWeightSensor _sensor;
    private readonly object _pauseLock = new();
    private readonly List<WeightReading> _readings = new();
    private Thread? _thread;
    private volatile bool _stopRequested;

    public WindingCheck(IWeightSensor sensor) => _sensor = sensor;

    public void Start(TimeSpan interval)
    {
        if (_thread != null)
        {
            throw new InvalidOperationException("Check already started.");
        }

        _stopRequested = false;
        _thread = new Thread(() => Sample(interval)) { IsBackground = true, Name = "winding-check" };
        _thread.Start();
    }

    /// <summary>
    /// Holds the sampler between samples while the maintainer adjusts the
    /// pendulum; returns false if the sampler could not be paused in time.
    /// </summary>
    public bool TryPause(TimeSpan timeout, Action adjust)
    {
        if (!Monitor.TryEnter(_pauseLock, timeout))
        {
            return false;
        }

        try
        {
            adjust();
            return true;
        }
        finally
        {
            Monitor.Exit(_pauseLock);
        }
    }

    private void Sample(TimeSpan interval)
    {
        int sample = 0;
        while (!_stopRequested)
        {
            lock (_pauseLock)
            {
                _readings.Add(new WeightReading(++sample, _sensor.ReadDropMillimetres()));
            }
            Thread.Sleep(interval);
        }
    }

    public IReadOnlyList<WeightReading> Stop()
    {
        var thread = _thread ?? throw new InvalidOperationException("Check not started.");
        _stopRequested = true;
        thread.Join();
        _thread = null;
        return _readings.ToArray();
    }

    public static double DropRatePerHour(IReadOnlyList<WeightReading> readings, TimeSpan interval)
    {
        if (readings.Count < 2)
        {
            return 0;
        }

        double drop = readings[^1].DropMillimetres - readings[0].DropMillimetres;
        double hours = (readings.Count - 1) * interval.TotalHours;
        return drop / hours;
    }
}
