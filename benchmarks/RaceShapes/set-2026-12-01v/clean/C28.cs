namespace Blind22.Curling.IceMaking;

public interface IBrineChiller
{
    double ReadIceSurfaceC();
    void SetBrineSetpoint(double celsius);
}

/// <summary>
/// Adjusts the brine setpoint every thirty seconds to hold the sheet surface at the
/// target temperature. The ice technician can change the target from the rink office
/// while the controller runs.
/// </summary>
public sealed class IceTemperatureController : IDisposable
{
    private readonly object _sync = new();
    private readonly IBrineChiller _chiller;
    private readonly Timer _timer;
    private double _targetSurfaceC = -5.5;
    private double _setpointC = -9.0;
    private bool _disposed;

    public IceTemperatureController(IBrineChiller chiller)
    {
        _chiller = chiller;
        _timer = new Timer(Adjust, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => _timer.Change(TimeSpan.Zero, TimeSpan.FromSeconds(30));

    public double TargetSurfaceC
    {
        get { lock (_sync) { return _targetSurfaceC; } }
        set { lock (_sync) { _targetSurfaceC = Math.Clamp(value, -8, -3); } }
    }

    public double CurrentSetpointC
    {
        get { lock (_sync) { return _setpointC; } }
    }

    private void Adjust(object? state)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            var surface = _chiller.ReadIceSurfaceC();
            var error = surface - _targetSurfaceC;
            _setpointC = Math.Clamp(_setpointC - error * 0.4, -14, -6);
            _chiller.SetBrineSetpoint(_setpointC);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
        }
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done))
        {
            done.WaitOne();
        }
    }
}
