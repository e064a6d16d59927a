namespace Blind38.TideGauges.Buffering;

public readonly record struct TideSample(DateTime TakenUtc, double WaterLevelMetres, double PressureHpa);

/// <summary>
/// Holds the last N samples from a harbour tide gauge. The serial reader thread appends
/// samples; the harbour master's web page and the surge-warning job read from their own threads.
/// </summary>
public sealed class TideSampleWindow
{
    private readonly TideSample[] _ring;
    private readonly object _sync = new();
    private int _head;
    private int _count;
    private long _totalReceived;

    public TideSampleWindow(int capacity)
    {
        _ring = new TideSample[capacity];
    }

    public void Add(in TideSample sample)
    {
        lock (_sync)
        {
            _ring[_head] = sample;
            _head = (_head + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            _totalReceived++;
        }
    }

    public long TotalReceived
    {
        get { lock (_sync) return _totalReceived; }
    }

    /// <summary>Copies the window, oldest sample first.</summary>
    public TideSample[] Snapshot()
    {
        lock (_sync)
        {
            var copy = new TideSample[_count];
            var start = (_head - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _ring[(start + i) % _ring.Length];
            }

            return copy;
        }
    }

    public TideSample? Latest()
    {
        lock (_sync)
        {
            if (_count == 0)
            {
                return null;
            }

            return _ring[(_head - 1 + _ring.Length) % _ring.Length];
        }
    }
}

/// <summary>Flags a possible surge when the level rises faster than the predicted tide allows.</summary>
public sealed class SurgeWatch
{
    private readonly TideSampleWindow _window;
    private readonly double _maxRiseMetresPerHour;

    public SurgeWatch(TideSampleWindow window, double maxRiseMetresPerHour)
    {
        _window = window;
        _maxRiseMetresPerHour = maxRiseMetresPerHour;
    }

    public bool IsSurging()
    {
        var samples = _window.Snapshot();
        if (samples.Length < 2)
        {
            return false;
        }

        var first = samples[0];
        var last = samples[^1];
        var hours = (last.TakenUtc - first.TakenUtc).TotalHours;
        return hours > 0 && (last.WaterLevelMetres - first.WaterLevelMetres) / hours > _maxRiseMetresPerHour;
    }
}
