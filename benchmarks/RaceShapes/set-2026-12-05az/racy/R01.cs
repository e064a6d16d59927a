using System;
using System.Threading;

namespace Blind52.IceRink.Resurfacing;

/// <summary>
/// A temperature or thickness alert raised by one of the rink's slab sensors.
/// </summary>
public sealed record SurfaceAlert(string SensorId, double SurfaceTempC, double ThicknessMm, DateTimeOffset RaisedAt)
{
    public int SuppressedBefore { get; init; }
}

/// <summary>
/// Collects surface alerts from the slab sensors and notifies the resurfacing
/// crew once the readings have been quiet for a while, so a burst of alerts
/// during a public session turns into a single page. Sensor callbacks arrive
/// on thread-pool threads.
/// </summary>
public sealed class SurfaceAlertDebouncer : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly TimeSpan _quietPeriod;
    private readonly Action<SurfaceAlert> _notifyCrew;
    private SurfaceAlert? _latest;
    private int _suppressedCount;

    public SurfaceAlertDebouncer(TimeSpan quietPeriod, Action<SurfaceAlert> notifyCrew)
    {
        _quietPeriod = quietPeriod;
        _notifyCrew = notifyCrew;
        _timer = new Timer(OnQuietPeriodElapsed, null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Called by the sensor gateway for every alert it receives.</summary>
    public void Report(SurfaceAlert alert)
    {
        lock (_gate)
        {
            if (_latest is not null)
            {
                _suppressedCount++;
            }

            _latest = alert;
            _timer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnQuietPeriodElapsed(object? state)
    {
        SurfaceAlert? alert = _latest;
        _latest = null;

        int suppressed;
        lock (_gate)
        {
            suppressed = _suppressedCount;
            _suppressedCount = 0;
        }

        if (alert is null)
        {
            return;
        }

        _notifyCrew(alert with { SuppressedBefore = suppressed });
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Connects the slab sensor gateway to the crew pager.
/// </summary>
public sealed class ResurfacingPager : IDisposable
{
    private readonly SurfaceAlertDebouncer _debouncer;
    private readonly Action<string> _sendPage;

    public ResurfacingPager(Action<string> sendPage)
    {
        _sendPage = sendPage;
        _debouncer = new SurfaceAlertDebouncer(TimeSpan.FromSeconds(20), Page);
    }

    public void OnSensorAlert(string sensorId, double tempC, double thicknessMm)
    {
        if (tempC < -3.5 && thicknessMm > 25)
        {
            return;
        }

        _debouncer.Report(new SurfaceAlert(sensorId, tempC, thicknessMm, DateTimeOffset.UtcNow));
    }

    private void Page(SurfaceAlert alert)
    {
        _sendPage($"Ice check at {alert.SensorId}: {alert.SurfaceTempC:F1}°C, {alert.ThicknessMm:F0} mm " +
                  $"(+{alert.SuppressedBefore} earlier alerts)");
    }

    public void Dispose() => _debouncer.Dispose();
}
