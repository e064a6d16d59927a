using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind22.Observatory.Dome;

public interface IShutterMotor
{
    /// <summary>Drives the shutter motor by the given number of degrees; blocks until the move completes.</summary>
    void Step(double degrees);
}

/// <summary>
/// Opens and closes the dome shutter in small increments so the weather station can
/// interrupt a move if rain is detected. Driven by a 250 ms timer while a move is active.
/// </summary>
public sealed class ShutterController : IDisposable
{
    private const double StepDegrees = 1.5;

    private readonly IShutterMotor _motor;
    private readonly Timer _stepTimer;
    private double _openingDegrees;
    private volatile int _targetDegrees;

    public ShutterController(IShutterMotor motor)
    {
        _motor = motor;
        _stepTimer = new Timer(250) { AutoReset = true };
        _stepTimer.Elapsed += OnStep;
    }

    public event EventHandler<double>? OpeningChanged;

    public void OpenTo(int degrees)
    {
        _targetDegrees = Math.Clamp(degrees, 0, 90);
        _stepTimer.Start();
    }

    public void CloseForWeather()
    {
        _targetDegrees = 0;
        _stepTimer.Start();
    }

    private void OnStep(object? sender, ElapsedEventArgs e)
    {
        var target = _targetDegrees;
        var current = _openingDegrees;
        var remaining = target - current;

        if (Math.Abs(remaining) < 0.01)
        {
            _stepTimer.Stop();
            return;
        }

        var move = Math.Sign(remaining) * Math.Min(StepDegrees, Math.Abs(remaining));
        _motor.Step(move);
        _openingDegrees = current + move;
        OpeningChanged?.Invoke(this, current + move);
    }

    public void Dispose()
    {
        _stepTimer.Stop();
        _stepTimer.Dispose();
    }
}
