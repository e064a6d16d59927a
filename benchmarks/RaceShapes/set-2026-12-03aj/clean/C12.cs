namespace Blind36.PotteryKiln.Firing;

public readonly record struct Segment(double TargetC, double RampCPerHour, TimeSpan Hold);

public interface IKilnController
{
    double ReadCelsius();
    void SetElementDuty(double fraction);
}

/// <summary>
/// Runs a firing schedule on a timer. The timer callback drives the elements; the
/// studio app polls <see cref="Status"/> and can abort. A tick that arrives while the
/// previous one is still running is skipped.
/// </summary>
public sealed class FiringProgram : IDisposable
{
    private readonly object _sync = new();
    private readonly IKilnController _kiln;
    private readonly IReadOnlyList<Segment> _segments;
    private readonly Timer _timer;
    private int _tickRunning;

    private int _segmentIndex;
    private double _lastC;
    private bool _aborted;
    private readonly List<double> _log = new();

    public FiringProgram(IKilnController kiln, IReadOnlyList<Segment> segments)
    {
        _kiln = kiln;
        _segments = segments;
        _timer = new Timer(Tick, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    public (int Segment, double LastC, bool Aborted, double[] Log) Status
    {
        get
        {
            lock (_sync)
                return (_segmentIndex, _lastC, _aborted, _log.ToArray());
        }
    }

    public void Abort()
    {
        lock (_sync)
        {
            _aborted = true;
            _kiln.SetElementDuty(0);
        }
    }

    private void Tick(object? state)
    {
        if (Interlocked.Exchange(ref _tickRunning, 1) == 1)
            return;

        try
        {
            double now = _kiln.ReadCelsius();
            lock (_sync)
            {
                if (_aborted || _segmentIndex >= _segments.Count)
                    return;

                _lastC = now;
                _log.Add(now);
                var seg = _segments[_segmentIndex];
                if (now >= seg.TargetC)
                    _segmentIndex++;
                _kiln.SetElementDuty(Math.Clamp((seg.TargetC - now) / 50.0, 0, 1));
            }
        }
        finally
        {
            Volatile.Write(ref _tickRunning, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
