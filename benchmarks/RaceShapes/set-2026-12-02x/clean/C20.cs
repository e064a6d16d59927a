namespace Blind24.OrganBellows;

public interface IBlowerMotor
{
    double ReadWindPressureMmWg();
    void SetSpeedPercent(double percent);
}

/// <summary>
/// Keeps the wind pressure in the organ's bellows steady. A System.Timers.Timer
/// samples the reservoir pressure and adjusts the blower; the console can change the
/// target pressure while the organ is playing.
/// </summary>
public sealed class BellowsRegulator : IDisposable
{
    private readonly object _gate = new();
    private readonly IBlowerMotor _blower;
    private readonly System.Timers.Timer _timer;
    private double _targetMmWg;
    private double _speedPercent = 40;
    private double _integral;
    private int _samples;

    public BellowsRegulator(IBlowerMotor blower, double targetMmWg)
    {
        _blower = blower;
        _targetMmWg = targetMmWg;
        _timer = new System.Timers.Timer(200) { AutoReset = true };
        _timer.Elapsed += (_, _) => Regulate();
        _timer.Start();
    }

    public double TargetMmWg
    {
        get { lock (_gate) { return _targetMmWg; } }
        set
        {
            lock (_gate)
            {
                _targetMmWg = value;
                _integral = 0;
            }
        }
    }

    public (double Speed, int Samples) Status
    {
        get { lock (_gate) { return (_speedPercent, _samples); } }
    }

    private void Regulate()
    {
        double pressure = _blower.ReadWindPressureMmWg();
        double speed;
        lock (_gate)
        {
            double error = _targetMmWg - pressure;
            _integral = Math.Clamp(_integral + error * 0.2, -50, 50);
            _speedPercent = Math.Clamp(_speedPercent + 0.8 * error + 0.1 * _integral, 10, 100);
            _samples++;
            speed = _speedPercent;
        }

        _blower.SetSpeedPercent(speed);
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
