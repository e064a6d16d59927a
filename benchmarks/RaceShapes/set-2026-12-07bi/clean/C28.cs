namespace Blind61.IceRinks.Alerts;

public sealed record IceAlert(string Rink, string Message, double SurfaceTempC);

/// <summary>
/// Throttles ice-condition alerts to the facilities manager's phone: at most one alert per
/// rink per cooldown period, however many sensors trip at once. Sensor callbacks arrive on
/// thread-pool threads.
/// </summary>
public sealed class IceAlertThrottle
{
    private readonly long _cooldownTicks;
    private readonly TimeProvider _clock;
    private readonly Action<IceAlert> _send;
    private long _lastSentTicks = long.MinValue / 2;
    private long _suppressed;

    public IceAlertThrottle(TimeSpan cooldown, TimeProvider clock, Action<IceAlert> send)
    {
        _cooldownTicks = cooldown.Ticks;
        _clock = clock;
        _send = send;
    }

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public bool TryNotify(IceAlert alert)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastSentTicks);
        if (now - last < _cooldownTicks
            || Interlocked.CompareExchange(ref _lastSentTicks, now, last) != last)
        {
            Interlocked.Increment(ref _suppressed);
            return false;
        }

        _send(alert);
        return true;
    }
}

/// <summary>Watches the rink's slab sensors and raises alerts when the surface softens.</summary>
public sealed class SlabSensorWatcher : IDisposable
{
    private readonly Dictionary<string, IceAlertThrottle> _throttles;
    private readonly Func<string, double> _readSensor;
    private readonly string[] _rinks;
    private readonly Timer _timer;

    public SlabSensorWatcher(string[] rinks, Func<string, double> readSensor, TimeProvider clock, Action<IceAlert> send)
    {
        _rinks = rinks;
        _readSensor = readSensor;
        _throttles = rinks.ToDictionary(r => r, _ => new IceAlertThrottle(TimeSpan.FromMinutes(15), clock, send));
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    private void Poll()
    {
        Parallel.ForEach(_rinks, rink =>
        {
            var temp = _readSensor(rink);
            if (temp > -3.0)
                _throttles[rink].TryNotify(new IceAlert(rink, $"Surface at {temp:F1}°C", temp));
        });
    }

    public void Dispose() => _timer.Dispose();
}
