using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind63.BalloonMeet.Wind;

public sealed record WindReading(DateTimeOffset At, double SpeedKnots, int DirectionDegrees);

public interface IAnemometer
{
    WindReading Read();
}

/// <summary>
/// Samples the launch-field anemometer every few seconds and keeps the
/// recent history so the flight director's screen can show gust trends.
/// </summary>
public sealed class LaunchFieldWindLog : IDisposable
{
    private readonly IAnemometer _anemometer;
    private readonly Timer _timer;
    private readonly List<WindReading> _history = new();
    private readonly TimeSpan _keep;

    public LaunchFieldWindLog(IAnemometer anemometer, TimeSpan interval, TimeSpan keep)
    {
        _anemometer = anemometer;
        _keep = keep;
        _timer = new Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        var reading = _anemometer.Read();
        _history.Add(reading);

        var cutoff = reading.At - _keep;
        int stale = 0;
        while (stale < _history.Count && _history[stale].At < cutoff)
        {
            stale++;
        }
        if (stale > 0)
        {
            _history.RemoveRange(0, stale);
        }
    }

    /// <summary>
    /// Highest gust over the last <paramref name="window"/>; called by the
    /// flight director's page on each refresh.
    /// </summary>
    public double PeakGust(TimeSpan window)
    {
        var since = DateTimeOffset.UtcNow - window;
        double peak = 0;
        foreach (var r in _history)
        {
            if (r.At >= since && r.SpeedKnots > peak)
            {
                peak = r.SpeedKnots;
            }
        }
        return peak;
    }

    public bool SafeToLaunch(double limitKnots) => PeakGust(TimeSpan.FromMinutes(10)) < limitKnots;

    public void Dispose()
    {
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}
