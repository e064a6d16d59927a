namespace Blind43.Orchids.Misting;

public interface IHumiditySensor
{
    double ReadPercent();
}

public interface IMistingValve
{
    void Open(TimeSpan duration);
}

/// <summary>
/// Keeps the orchid house humid: checks the sensor on a timer and opens the misting valve when
/// humidity drops below the target. The grower's app can change the target at any time.
/// </summary>
public sealed class MistingController : IDisposable
{
    private readonly object _gate = new();
    private readonly System.Timers.Timer _timer;
    private readonly IHumiditySensor _sensor;
    private readonly IMistingValve _valve;

    private double _targetPercent = 70;
    private double _lastReading;
    private DateTime _lastMisted = DateTime.MinValue;
    private int _mistCount;
    private bool _stopped;

    public MistingController(IHumiditySensor sensor, IMistingValve valve, TimeSpan interval)
    {
        _sensor = sensor;
        _valve = valve;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += (_, _) => OnElapsed();
    }

    public void Start()
    {
        lock (_gate)
        {
            _stopped = false;
        }

        _timer.Start();
    }

    public void SetTarget(double percent)
    {
        lock (_gate)
        {
            _targetPercent = Math.Clamp(percent, 40, 95);
        }
    }

    public (double Target, double LastReading, DateTime LastMisted, int MistCount) Status()
    {
        lock (_gate)
        {
            return (_targetPercent, _lastReading, _lastMisted, _mistCount);
        }
    }

    private void OnElapsed()
    {
        var reading = _sensor.ReadPercent();
        var mist = false;

        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _lastReading = reading;
            if (reading < _targetPercent && DateTime.UtcNow - _lastMisted > TimeSpan.FromMinutes(5))
            {
                _lastMisted = DateTime.UtcNow;
                _mistCount++;
                mist = true;
            }
        }

        if (mist)
        {
            _valve.Open(TimeSpan.FromSeconds(20));
        }

        lock (_gate)
        {
            if (!_stopped)
            {
                _timer.Start();
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }
}
