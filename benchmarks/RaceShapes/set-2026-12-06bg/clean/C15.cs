using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;

namespace Blind59.Archery.Simulator;

public abstract record SimInput;
public sealed record AimMoved(Vector2 Delta) : SimInput;
public sealed record Loose(float DrawWeightLbs) : SimInput;
public sealed record WindChanged(Vector2 Wind) : SimInput;

/// <summary>
/// What the projector draws each frame.
/// </summary>
public sealed record SimFrame(long Tick, Vector2 Aim, Vector2? ArrowPosition, float ArrowDistance, IReadOnlyList<Vector2> Hits);

/// <summary>
/// Indoor wind-drift trainer for the archery range. The update loop runs on its own
/// thread at 100 Hz; the bow sensor and the coach's tablet raise input events from
/// their own threads.
/// </summary>
public sealed class WindDriftSimulation
{
    private const float TargetDistance = 70f;

    private readonly ConcurrentQueue<SimInput> _inputs = new();

    // Simulation state.
    private Vector2 _aim;
    private Vector2 _wind;
    private Vector3? _arrow;
    private Vector3 _arrowVelocity;
    private readonly List<Vector2> _hits = new();
    private long _tick;

    private SimFrame _latest = new(0, Vector2.Zero, null, 0, Array.Empty<Vector2>());

    /// <summary>Latest completed frame, read by the projector's render thread.</summary>
    public SimFrame Latest => Volatile.Read(ref _latest);

    public void Post(SimInput input) => _inputs.Enqueue(input);

    public void Run(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var previous = clock.Elapsed;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.Elapsed;
            Update((float)(now - previous).TotalSeconds);
            previous = now;
            Thread.Sleep(10);
        }
    }

    private void Update(float dt)
    {
        while (_inputs.TryDequeue(out var input))
        {
            switch (input)
            {
                case AimMoved moved:
                    _aim = Vector2.Clamp(_aim + moved.Delta, new Vector2(-1.5f), new Vector2(1.5f));
                    break;
                case Loose loose when _arrow is null:
                    float speed = 45f + loose.DrawWeightLbs * 0.9f;
                    _arrow = new Vector3(0, 0, 0);
                    _arrowVelocity = new Vector3(_aim.X * 0.02f * speed, _aim.Y * 0.02f * speed + 1.2f, speed);
                    break;
                case WindChanged wind:
                    _wind = wind.Wind;
                    break;
            }
        }

        if (_arrow is { } position)
        {
            _arrowVelocity += new Vector3(_wind.X * 0.05f, -9.81f, 0) * dt;
            position += _arrowVelocity * dt;
            if (position.Z >= TargetDistance)
            {
                _hits.Add(new Vector2(position.X, position.Y));
                _arrow = null;
            }
            else
            {
                _arrow = position;
            }
        }

        _tick++;
        var arrow2d = _arrow is { } a ? new Vector2(a.X, a.Y) : (Vector2?)null;
        Volatile.Write(ref _latest, new SimFrame(_tick, _aim, arrow2d, _arrow?.Z ?? 0, _hits.ToArray()));
    }
}

/// <summary>
/// Bridges the bow sensor's callbacks (raised on the sensor SDK's worker thread) into the simulation.
/// </summary>
public sealed class BowSensorBridge
{
    private readonly WindDriftSimulation _simulation;

    public BowSensorBridge(WindDriftSimulation simulation) => _simulation = simulation;

    public void OnSightMoved(float dx, float dy) => _simulation.Post(new AimMoved(new Vector2(dx, dy)));

    public void OnRelease(float drawWeight) => _simulation.Post(new Loose(drawWeight));
}
