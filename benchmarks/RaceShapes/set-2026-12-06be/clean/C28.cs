using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind57.PuppetTheatre.Rig;

public sealed record Cue(int Servo, float Target, float Speed);
public sealed record RigSnapshot(long Frame, float[] Positions)
{
    public static readonly RigSnapshot Empty = new(0, Array.Empty<float>());
}

/// <summary>
/// Drives the marionette rig at 50 Hz. Operators queue cues from the show console; the rig state
/// itself is only touched by the loop thread, which publishes a snapshot for the console display.
/// </summary>
public sealed class RigLoop : IDisposable
{
    private const int Servos = 16;

    private readonly ConcurrentQueue<Cue> _cues = new();
    private readonly float[] _targets = new float[Servos];
    private readonly float[] _speeds = new float[Servos];
    private readonly float[] _positions = new float[Servos];
    private readonly Action<int, float> _writeServo;
    private readonly Thread _thread;
    private volatile bool _running;
    private long _frame;
    private RigSnapshot _snapshot = RigSnapshot.Empty;

    public RigLoop(Action<int, float> writeServo)
    {
        _writeServo = writeServo;
        _thread = new Thread(Run) { IsBackground = true, Name = "rig-loop", Priority = ThreadPriority.AboveNormal };
    }

    public RigSnapshot LastSnapshot => Volatile.Read(ref _snapshot);

    public void Start()
    {
        _running = true;
        _thread.Start();
    }

    public void Queue(Cue cue) => _cues.Enqueue(cue);

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        var frameLength = TimeSpan.FromMilliseconds(20);
        while (_running)
        {
            var frameStart = clock.Elapsed;
            while (_cues.TryDequeue(out var cue))
            {
                ApplyCue(cue);
            }

            Step((float)frameLength.TotalSeconds);
            _frame++;
            if (_frame % 5 == 0)
            {
                Volatile.Write(ref _snapshot, new RigSnapshot(_frame, (float[])_positions.Clone()));
            }

            var sleep = frameLength - (clock.Elapsed - frameStart);
            if (sleep > TimeSpan.Zero) Thread.Sleep(sleep);
        }
    }

    private void ApplyCue(Cue cue)
    {
        if (cue.Servo < 0 || cue.Servo >= Servos) return;
        _targets[cue.Servo] = cue.Target;
        _speeds[cue.Servo] = Math.Max(0.01f, cue.Speed);
    }

    private void Step(float dt)
    {
        for (int i = 0; i < Servos; i++)
        {
            float delta = _targets[i] - _positions[i];
            float step = Math.Clamp(delta, -_speeds[i] * dt, _speeds[i] * dt);
            if (step == 0) continue;
            _positions[i] += step;
            _writeServo(i, _positions[i]);
        }
    }

    public void Dispose()
    {
        _running = false;
        if (_thread.IsAlive) _thread.Join();
    }
}
