namespace Blind29.Lighthouse.LampMonitor;

public interface ILampSensor
{
    double ReadLuxAt(DateTimeOffset now);
    double RotationPeriodSeconds();
}

public sealed record LampHealth(bool LampLit, double LastLux, double RotationSeconds, int DimReadings, DateTimeOffset CheckedAt);

/// <summary>
/// Polls the lantern room sensors of an automated lighthouse and keeps a health
/// record for the remote monitoring centre. The centre's API reads <see cref="Health"/>.
/// </summary>
public sealed class LampMonitor : IDisposable
{
    private const double MinimumLux = 400;
    private readonly ILampSensor _sensor;
    private readonly Action<LampHealth> _onFailure;
    private readonly Timer _timer;
    private readonly object _sync = new();
    private int _polling;
    private int _dimReadings;
    private LampHealth _health = new(true, 0, 0, 0, DateTimeOffset.MinValue);

    public LampMonitor(ILampSensor sensor, Action<LampHealth> onFailure, TimeSpan interval)
    {
        _sensor = sensor;
        _onFailure = onFailure;
        _timer = new Timer(Poll, null, TimeSpan.Zero, interval);
    }

    public LampHealth Health
    {
        get
        {
            lock (_sync)
            {
                return _health;
            }
        }
    }

    private void Poll(object? state)
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var now = DateTimeOffset.UtcNow;
            var lux = _sensor.ReadLuxAt(now);
            var period = _sensor.RotationPeriodSeconds();
            LampHealth snapshot;
            bool justFailed;

            lock (_sync)
            {
                _dimReadings = lux < MinimumLux ? _dimReadings + 1 : 0;
                var lit = _dimReadings < 3;
                justFailed = _health.LampLit && !lit;
                _health = new LampHealth(lit, lux, period, _dimReadings, now);
                snapshot = _health;
            }

            if (justFailed)
            {
                _onFailure(snapshot);
            }
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
