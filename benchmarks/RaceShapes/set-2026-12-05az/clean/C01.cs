using System;
using System.Threading;

namespace Blind52.MushroomFarm.Climate;

public sealed record HumidityAlert(string RoomId, double RelativeHumidity, DateTimeOffset RaisedAt);

/// <summary>
/// Debounces humidity alerts from the grow rooms: the grower is only paged once
/// the readings have stopped changing for a while. Sensors report from
/// thread-pool threads.
/// </summary>
public sealed class HumidityAlertDebouncer : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly TimeSpan _delay;
    private readonly Action<HumidityAlert, int> _publish;
    private HumidityAlert? _pending;
    private int _burstSize;
    private bool _disposed;

    public HumidityAlertDebouncer(TimeSpan delay, Action<HumidityAlert, int> publish)
    {
        _delay = delay;
        _publish = publish;
        _timer = new Timer(OnElapsed, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Report(HumidityAlert alert)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending = alert;
            _burstSize++;
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Publishes whatever is pending right away, e.g. at shift change.</summary>
    public void Flush() => OnElapsed(null);

    private void OnElapsed(object? state)
    {
        HumidityAlert? alert;
        int burst;
        lock (_gate)
        {
            alert = _pending;
            burst = _burstSize;
            _pending = null;
            _burstSize = 0;
        }

        if (alert is not null)
        {
            _publish(alert, burst);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending = null;
        }

        _timer.Dispose();
    }
}

/// <summary>
/// Receives readings from the grow-room sensors and raises alerts when the
/// humidity leaves the pinning range.
/// </summary>
public sealed class GrowRoomMonitor
{
    private readonly HumidityAlertDebouncer _debouncer;
    private readonly double _low;
    private readonly double _high;

    public GrowRoomMonitor(HumidityAlertDebouncer debouncer, double low = 85, double high = 95)
    {
        _debouncer = debouncer;
        _low = low;
        _high = high;
    }

    public void OnReading(string roomId, double relativeHumidity)
    {
        if (relativeHumidity < _low || relativeHumidity > _high)
        {
            _debouncer.Report(new HumidityAlert(roomId, relativeHumidity, DateTimeOffset.UtcNow));
        }
    }
}
