using System.Collections.Concurrent;

namespace Blind50.Bowling.ArcadeLane;

public enum LaneInput
{
    AimLeft,
    AimRight,
    Release,
    Reset,
}

/// <summary>What the scoreboard screen shows; each frame a new instance is published.</summary>
public sealed record LaneFrame(int FrameNumber, double AimAngle, bool BallRolling, int PinsStanding, int Score);

/// <summary>
/// Game loop of the kids' arcade bowling lane. The button panel is read on its own input
/// thread; the loop thread runs the simulation at a fixed rate and publishes a frame that the
/// scoreboard renderer picks up whenever it redraws.
/// </summary>
public sealed class ArcadeLaneGame
{
    private readonly ConcurrentQueue<LaneInput> _inputs = new();
    private readonly CancellationTokenSource _stop = new();
    private LaneFrame _published = new(0, 0, false, 10, 0);
    private Thread? _loopThread;

    private double _aim;
    private double _ballPosition = -1;
    private int _pins = 10;
    private int _score;
    private int _frameNumber;

    public LaneFrame Current => Volatile.Read(ref _published);

    /// <summary>Called by the button panel's input thread.</summary>
    public void OnButton(LaneInput input) => _inputs.Enqueue(input);

    public void Start()
    {
        _loopThread = new Thread(() => Loop(_stop.Token)) { IsBackground = true, Name = "lane-loop" };
        _loopThread.Start();
    }

    public void Stop()
    {
        _stop.Cancel();
        _loopThread?.Join();
        _stop.Dispose();
    }

    private void Loop(CancellationToken token)
    {
        var tick = TimeSpan.FromMilliseconds(1000.0 / 60);
        while (!token.IsCancellationRequested)
        {
            while (_inputs.TryDequeue(out var input))
            {
                Apply(input);
            }

            Step();
            Volatile.Write(ref _published, new LaneFrame(++_frameNumber, _aim, _ballPosition >= 0, _pins, _score));
            Thread.Sleep(tick);
        }
    }

    private void Apply(LaneInput input)
    {
        switch (input)
        {
            case LaneInput.AimLeft when _ballPosition < 0:
                _aim = Math.Max(-15, _aim - 1);
                break;
            case LaneInput.AimRight when _ballPosition < 0:
                _aim = Math.Min(15, _aim + 1);
                break;
            case LaneInput.Release when _ballPosition < 0:
                _ballPosition = 0;
                break;
            case LaneInput.Reset:
                _pins = 10;
                _ballPosition = -1;
                break;
        }
    }

    private void Step()
    {
        if (_ballPosition < 0)
        {
            return;
        }

        _ballPosition += 0.3;
        if (_ballPosition >= 18)
        {
            var knocked = Math.Min(_pins, (int)Math.Round(10 - Math.Abs(_aim) / 1.5));
            _pins -= knocked;
            _score += knocked;
            _ballPosition = -1;
        }
    }
}

/// <summary>Draws the scoreboard; runs on the display's render thread.</summary>
public sealed class ScoreboardRenderer
{
    private readonly ArcadeLaneGame _game;

    public ScoreboardRenderer(ArcadeLaneGame game) => _game = game;

    public string Render()
    {
        var frame = _game.Current;
        return $"Score {frame.Score,3}  Pins {frame.PinsStanding,2}  Aim {frame.AimAngle,4:F0}" + (frame.BallRolling ? "  >>>" : "");
    }
}
