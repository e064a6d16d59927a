namespace Blind65.KiteSurfing.Alerts;

public sealed record GustReading(string Spot, double Knots, DateTimeOffset At);

/// <summary>
/// Sends a "gusts over limit" push alert for a beach at most once per quiet
/// period, however many anemometer readings cross the limit. Readings arrive
/// from several anemometer reader threads.
/// </summary>
public sealed class GustAlertThrottle
{
    private readonly Func<GustReading, Task> _sendAlert;
    private readonly double _limitKnots;
    private readonly long _quietTicks;
    private long _lastAlertTicks = long.MinValue;
    private int _suppressed;

    public GustAlertThrottle(Func<GustReading, Task> sendAlert, double limitKnots, TimeSpan quietPeriod)
    {
        _sendAlert = sendAlert;
        _limitKnots = limitKnots;
        _quietTicks = quietPeriod.Ticks;
    }

    public int Suppressed => Volatile.Read(ref _suppressed);

    public Task OnReadingAsync(GustReading reading)
    {
        if (reading.Knots < _limitKnots)
        {
            return Task.CompletedTask;
        }

        var now = reading.At.UtcTicks;
        while (true)
        {
            var last = Interlocked.Read(ref _lastAlertTicks);
            if (last != long.MinValue && now - last < _quietTicks)
            {
                Interlocked.Increment(ref _suppressed);
                return Task.CompletedTask;
            }
            if (Interlocked.CompareExchange(ref _lastAlertTicks, now, last) == last)
            {
                return _sendAlert(reading);
            }
        }
    }
}

public sealed class AnemometerReader
{
    private readonly string _spot;
    private readonly GustAlertThrottle _throttle;
    private readonly Func<double> _sample;

    public AnemometerReader(string spot, GustAlertThrottle throttle, Func<double> sample)
    {
        _spot = spot;
        _throttle = throttle;
        _sample = sample;
    }

    public Task RunAsync(CancellationToken token) => Task.Run(async () =>
    {
        while (!token.IsCancellationRequested)
        {
            await _throttle.OnReadingAsync(new GustReading(_spot, _sample(), DateTimeOffset.UtcNow)).ConfigureAwait(false);
            await Task.Delay(200, token).ConfigureAwait(false);
        }
    }, token);
}
