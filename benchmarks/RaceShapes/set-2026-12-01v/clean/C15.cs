using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind22.Observatory.Azimuth;

public interface IDomeRotator
{
    /// <summary>Rotates the dome by the given number of degrees and blocks until it stops.</summary>
    void Rotate(double degrees);
}

/// <summary>
/// Keeps the dome slit aligned with the telescope while it tracks. The mount reports its
/// azimuth from the mount driver thread; a half-second timer nudges the dome.
/// </summary>
public sealed class DomeSlaving : IDisposable
{
    private const double Tolerance = 2.0;

    private readonly object _state = new();
    private readonly IDomeRotator _rotator;
    private readonly Timer _timer;
    private double _domeAzimuth;
    private double _mountAzimuth;
    private int _corrections;

    public DomeSlaving(IDomeRotator rotator, double parkedAzimuth)
    {
        _rotator = rotator;
        _domeAzimuth = parkedAzimuth;
        _mountAzimuth = parkedAzimuth;
        _timer = new Timer(500) { AutoReset = true };
        _timer.Elapsed += OnTick;
        _timer.Start();
    }

    public void MountMoved(double azimuth)
    {
        lock (_state)
        {
            _mountAzimuth = ((azimuth % 360) + 360) % 360;
        }
    }

    public (double Dome, double Mount, int Corrections) Snapshot()
    {
        lock (_state)
        {
            return (_domeAzimuth, _mountAzimuth, _corrections);
        }
    }

    private void OnTick(object? sender, ElapsedEventArgs e)
    {
        // A slow rotation can outlast the interval; skip ticks that arrive while one is in progress.
        if (!Monitor.TryEnter(_timer))
        {
            return;
        }
        try
        {
            double delta;
            lock (_state)
            {
                delta = _mountAzimuth - _domeAzimuth;
            }
            if (delta > 180) delta -= 360;
            if (delta < -180) delta += 360;
            if (Math.Abs(delta) < Tolerance)
            {
                return;
            }

            _rotator.Rotate(delta);

            lock (_state)
            {
                _domeAzimuth = ((_domeAzimuth + delta) % 360 + 360) % 360;
                _corrections++;
            }
        }
        finally
        {
            Monitor.Exit(_timer);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
