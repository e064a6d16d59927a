namespace Blind38.Lighthouse.Lamp;

public sealed record RotationSummary(long Rotations, double FinalAngleDegrees, TimeSpan Runtime);

/// <summary>
/// Drives the lens turntable motor for one night. The control loop runs on a dedicated
/// thread; the keeper's console polls <see cref="Rotations"/> and stops the loop at dawn.
/// </summary>
public sealed class LensTurntableDriver
{
    private readonly Action<double> _setMotorAngle;
    private readonly double _degreesPerSecond;
    private CancellationTokenSource? _cts;
    private Thread? _thread;
    private RotationSummary? _summary;
    private long _rotations;

    public LensTurntableDriver(Action<double> setMotorAngle, double secondsPerRevolution)
    {
        _setMotorAngle = setMotorAngle;
        _degreesPerSecond = 360.0 / secondsPerRevolution;
    }

    public long Rotations => Interlocked.Read(ref _rotations);

    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("Turntable already running.");
        }

        _cts = new CancellationTokenSource();
        var token = _cts.Token;
        _thread = new Thread(() => ControlLoop(token)) { IsBackground = true, Name = "lens-turntable" };
        _thread.Start();
    }

    /// <summary>Stops the turntable and returns the night's summary. Called once, from the console thread that started it.</summary>
    public RotationSummary Stop()
    {
        if (_thread is null || _cts is null)
        {
            throw new InvalidOperationException("Turntable not running.");
        }

        _cts.Cancel();
        _thread.Join();
        _cts.Dispose();
        _cts = null;
        _thread = null;
        return _summary!;
    }

    private void ControlLoop(CancellationToken token)
    {
        var started = DateTime.UtcNow;
        var last = started;
        var angle = 0.0;

        while (!token.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            angle += (now - last).TotalSeconds * _degreesPerSecond;
            last = now;

            while (angle >= 360.0)
            {
                angle -= 360.0;
                Interlocked.Increment(ref _rotations);
            }

            _setMotorAngle(angle);
            token.WaitHandle.WaitOne(20);
        }

        _summary = new RotationSummary(Interlocked.Read(ref _rotations), angle, DateTime.UtcNow - started);
    }
}
