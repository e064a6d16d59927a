namespace Blind29.KiteFestival.Wind;

public interface IAnemometer
{
    double ReadKnots();
}

public sealed record WindAdvisory(double AverageKnots, double GustKnots, bool FlyingSuspended, DateTimeOffset At);

/// <summary>
/// Watches the beach anemometer during a kite festival and suspends flying in the
/// arena when gusts stay too strong. The arena announcer's screen reads <see cref="Latest"/>.
/// </summary>
public sealed class WindWatch : IDisposable
{
    private const double SuspendAboveKnots = 28;
    private readonly IAnemometer _anemometer;
    private readonly System.Timers.Timer _timer;
    private readonly object _sync = new();
    private readonly Queue<double> _window = new();
    private WindAdvisory _latest = new(0, 0, false, DateTimeOffset.MinValue);
    private bool _disposed;

    public WindWatch(IAnemometer anemometer)
    {
        _anemometer = anemometer;
        _timer = new System.Timers.Timer(2000) { AutoReset = false };
        _timer.Elapsed += (_, _) => Sample();
        _timer.Start();
    }

    public WindAdvisory Latest
    {
        get
        {
            lock (_sync)
            {
                return _latest;
            }
        }
    }

    private void Sample()
    {
        var knots = _anemometer.ReadKnots();
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _window.Enqueue(knots);
            while (_window.Count > 30)
            {
                _window.Dequeue();
            }

            var average = _window.Average();
            var gust = _window.Max();
            var recentStrong = _window.Reverse().Take(5).Count(k => k > SuspendAboveKnots);
            var suspended = _latest.FlyingSuspended
                ? average > SuspendAboveKnots * 0.8
                : recentStrong >= 3;
            _latest = new WindAdvisory(average, gust, suspended, DateTimeOffset.UtcNow);
            _timer.Start();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _timer.Stop();
        }

        _timer.Dispose();
    }
}
