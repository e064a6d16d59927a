using System.Diagnostics;
using System.Numerics;

namespace Blind59.Curling.Trainer;

/// <summary>
/// State of the stone being delivered in the rink's sweeping trainer.
/// </summary>
public struct StoneState
{
    public Vector2 Position;
    public Vector2 Velocity;
    public float Curl;
}

/// <summary>
/// Raised by the broom sensor driver on its own reader thread whenever a sweeper
/// completes a stroke in front of the stone.
/// </summary>
public sealed class BroomSensor
{
    public event Action<float>? Stroke;

    public void StartReading(Func<float?> readIntensity, CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (readIntensity() is { } intensity)
                {
                    Stroke?.Invoke(intensity);
                }
            }
        }) { IsBackground = true, Name = "broom-sensor" };
        thread.Start();
    }
}

/// <summary>
/// Simulates the stone's travel down the sheet at 120 Hz and feeds the projector.
/// </summary>
public sealed class DeliverySimulation
{
    private const float IceFriction = 0.0105f;
    private const float SweepBoost = 0.0025f;

    private StoneState _stone;

    public DeliverySimulation(BroomSensor broom, Vector2 release, Vector2 velocity, float curl)
    {
        _stone = new StoneState { Position = release, Velocity = velocity, Curl = curl };
        broom.Stroke += OnSweepStroke;
    }

    /// <summary>Raised on the simulation thread after each step, for the projector.</summary>
    public event Action<StoneState>? Frame;

    public void RunLoop(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = clock.Elapsed;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.Elapsed;
            var dt = (float)(now - last).TotalSeconds;
            last = now;

            Step(dt);
            Frame?.Invoke(_stone);
            Thread.Sleep(8);
        }
    }

    private void Step(float dt)
    {
        var speed = _stone.Velocity.Length();
        if (speed < 0.01f)
        {
            _stone.Velocity = Vector2.Zero;
            return;
        }

        var direction = _stone.Velocity / speed;
        var lateral = new Vector2(-direction.Y, direction.X) * _stone.Curl * dt;
        var slowed = Math.Max(0f, speed - IceFriction * 9.81f * dt);

        _stone.Velocity = direction * slowed + lateral;
        _stone.Position += _stone.Velocity * dt;
    }

    private void OnSweepStroke(float intensity)
    {
        // Sweeping warms the pebble, so the stone carries further and curls less.
        _stone.Velocity *= 1f + SweepBoost * intensity;
        _stone.Curl *= 0.98f;
    }
}
