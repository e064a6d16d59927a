using System;
using System.Collections.Generic;

namespace Blind52.SkiLift.Gates;

/// <summary>
/// Counts RFID pass scans at a lift's turnstiles over a sliding window.
/// One instance per lift, shared by all of that lift's gate handlers and by
/// the queue-length estimator.
/// </summary>
public sealed class GateScanWindow
{
    private readonly object _sync = new();
    private readonly Queue<long> _scanTicks = new();
    private readonly long _windowTicks;

    public GateScanWindow(TimeSpan window) => _windowTicks = window.Ticks;

    public void RecordScan(long nowTicks)
    {
        lock (_sync)
        {
            _scanTicks.Enqueue(nowTicks);
            PruneLocked(nowTicks);
        }
    }

    public void Prune(long nowTicks)
    {
        lock (_sync)
        {
            PruneLocked(nowTicks);
        }
    }

    private void PruneLocked(long nowTicks)
    {
        while (_scanTicks.Count > 0 && nowTicks - _scanTicks.Peek() > _windowTicks)
        {
            _scanTicks.Dequeue();
        }
    }

    public int ScansInWindow(long nowTicks)
    {
        int count = 0;
        foreach (long tick in _scanTicks)
        {
            if (nowTicks - tick <= _windowTicks)
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>
/// Estimates the wait at the bottom station from the recent scan rate and the
/// chair capacity. Called by the resort app's status endpoint.
/// </summary>
public sealed class LiftQueueEstimator
{
    private readonly GateScanWindow _window;
    private readonly int _chairsPerMinute;
    private readonly int _seatsPerChair;

    public LiftQueueEstimator(GateScanWindow window, int chairsPerMinute, int seatsPerChair)
    {
        _window = window;
        _chairsPerMinute = chairsPerMinute;
        _seatsPerChair = seatsPerChair;
    }

    public TimeSpan EstimateWait(int skiersInQueue)
    {
        int perMinuteCapacity = _chairsPerMinute * _seatsPerChair;
        int scannedLastFiveMinutes = _window.ScansInWindow(DateTime.UtcNow.Ticks);
        double throughput = Math.Max(1, Math.Min(perMinuteCapacity, scannedLastFiveMinutes / 5.0));
        return TimeSpan.FromMinutes(skiersInQueue / throughput);
    }
}

/// <summary>
/// Handler for one turnstile; each turnstile has its own reader thread.
/// </summary>
public sealed class TurnstileHandler
{
    private readonly GateScanWindow _window;

    public TurnstileHandler(GateScanWindow window) => _window = window;

    public bool OnCardPresented(string cardId, bool passValid)
    {
        if (!passValid || string.IsNullOrEmpty(cardId))
        {
            return false;
        }

        _window.RecordScan(DateTime.UtcNow.Ticks);
        return true;
    }
}
