namespace Blind50.Planetarium.Dome;

public interface IDomeProjector : IDisposable
{
    void DrawFrame(double siderealHours, double latitude);
    string Model { get; }
}

/// <summary>
/// Drives the dome projector during a show: every tick the star field is redrawn for the
/// current sidereal time. The show controller creates one renderer per show and disposes it
/// when the operator ends the show from the console.
/// </summary>
public sealed class StarFieldRenderer : IDisposable
{
    private readonly System.Timers.Timer _frameTimer;
    private readonly double _latitude;
    private readonly DateTime _showStartUtc;
    private readonly double _timeScale;
    private IDomeProjector? _projector;
    private long _framesDrawn;

    public StarFieldRenderer(IDomeProjector projector, double latitude, double timeScale)
    {
        _projector = projector;
        _latitude = latitude;
        _timeScale = timeScale;
        _showStartUtc = DateTime.UtcNow;
        _frameTimer = new System.Timers.Timer(1000.0 / 30) { AutoReset = true };
        _frameTimer.Elapsed += OnFrame;
    }

    public long FramesDrawn => Interlocked.Read(ref _framesDrawn);

    public void Start() => _frameTimer.Start();

    private void OnFrame(object? sender, System.Timers.ElapsedEventArgs e)
    {
        var elapsedHours = (e.SignalTime.ToUniversalTime() - _showStartUtc).TotalHours * _timeScale;
        var sidereal = (6.697 + elapsedHours * 1.0027379) % 24.0;

        if (_projector != null)
        {
            _projector.DrawFrame(sidereal, _latitude);
            Interlocked.Increment(ref _framesDrawn);
        }
    }

    public void Dispose()
    {
        _frameTimer.Stop();
        _frameTimer.Elapsed -= OnFrame;
        _frameTimer.Dispose();

        var projector = _projector;
        _projector = null;
        projector?.Dispose();
    }
}

/// <summary>Operator console actions for the evening programme.</summary>
public sealed class ShowController
{
    private readonly Func<IDomeProjector> _openProjector;
    private readonly object _sync = new();
    private StarFieldRenderer? _current;

    public ShowController(Func<IDomeProjector> openProjector) => _openProjector = openProjector;

    public void BeginShow(double latitude, double timeScale)
    {
        lock (_sync)
        {
            _current?.Dispose();
            _current = new StarFieldRenderer(_openProjector(), latitude, timeScale);
            _current.Start();
        }
    }

    public long EndShow()
    {
        lock (_sync)
        {
            if (_current == null)
            {
                return 0;
            }

            var frames = _current.FramesDrawn;
            _current.Dispose();
            _current = null;
            return frames;
        }
    }
}
