using System;
using System.Collections.Generic;

namespace Blind52.Archery.RangeSafety;

/// <summary>
/// Counts arrows loosed on a range over a sliding window so the range officer's
/// screen can show shooting intensity per lane. One instance per range, shared
/// by every lane's acoustic shot detector and by the range officer's display.
/// </summary>
public sealed class ArrowRateWindow
{
    private readonly object _sync = new();
    private readonly Queue<(long Ticks, int Lane)> _shots = new();
    private readonly long _windowTicks;
    private readonly int[] _perLane;

    public ArrowRateWindow(TimeSpan window, int lanes)
    {
        _windowTicks = window.Ticks;
        _perLane = new int[lanes];
    }

    public void RecordShot(int lane, long nowTicks)
    {
        lock (_sync)
        {
            _shots.Enqueue((nowTicks, lane));
            _perLane[lane]++;
            PruneLocked(nowTicks);
        }
    }

    public int ShotsInWindow(long nowTicks)
    {
        lock (_sync)
        {
            PruneLocked(nowTicks);
            return _shots.Count;
        }
    }

    public int[] ShotsPerLane(long nowTicks)
    {
        lock (_sync)
        {
            PruneLocked(nowTicks);
            return (int[])_perLane.Clone();
        }
    }

    private void PruneLocked(long nowTicks)
    {
        while (_shots.Count > 0 && nowTicks - _shots.Peek().Ticks > _windowTicks)
        {
            var (_, lane) = _shots.Dequeue();
            _perLane[lane]--;
        }
    }
}

/// <summary>
/// Decides whether the range officer should be prompted to call a break.
/// </summary>
public sealed class RangeOfficerAdvisor
{
    private readonly ArrowRateWindow _window;
    private readonly int _maxPerLane;

    public RangeOfficerAdvisor(ArrowRateWindow window, int maxPerLane)
    {
        _window = window;
        _maxPerLane = maxPerLane;
    }

    public IReadOnlyList<int> LanesOverLimit()
    {
        var perLane = _window.ShotsPerLane(DateTime.UtcNow.Ticks);
        var busy = new List<int>();
        for (int lane = 0; lane < perLane.Length; lane++)
        {
            if (perLane[lane] > _maxPerLane)
            {
                busy.Add(lane);
            }
        }

        return busy;
    }

    public string Banner() => $"{_window.ShotsInWindow(DateTime.UtcNow.Ticks)} arrows in the last window";
}
