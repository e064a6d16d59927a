using System.Collections.Concurrent;
using System.Numerics;

namespace Blind10.Simulation.Swarm;

public sealed class Drone
{
    public Drone(int id, Vector2 position, Vector2 velocity)
    {
        Id = id;
        Position = position;
        Velocity = velocity;
    }

    public int Id { get; }
    public Vector2 Position { get; private set; }
    public Vector2 Velocity { get; private set; }
    public float Battery { get; private set; } = 1f;
    public bool ShouldSplit { get; private set; }

    public void Advance(float dt, Vector2 target)
    {
        var desired = Vector2.Normalize(target - Position + new Vector2(0.001f)) * 12f;
        Velocity += (desired - Velocity) * MathF.Min(1f, dt * 2f);
        Position += Velocity * dt;
        Battery -= dt * 0.01f;
        ShouldSplit = Battery > 0.5f && Vector2.DistanceSquared(Position, target) < 4f;
    }

    public void Drain(float amount) => Battery -= amount;
}

/// <summary>
/// Swarm simulation. Each frame advances every drone in parallel; drones that reach the
/// target spawn a child drone.
/// </summary>
public sealed class SwarmSimulation
{
    private readonly List<Drone> _drones = new();
    private readonly ConcurrentBag<Drone> _born = new();
    private Vector2 _target;
    private int _lastId;

    public int Population => _drones.Count;

    public void SetTarget(Vector2 target) => _target = target;

    public Drone Spawn(Vector2 position)
    {
        var drone = new Drone(NextId(), position, Vector2.Zero);
        _drones.Add(drone);
        return drone;
    }

    public void Frame(float dt)
    {
        var target = _target;
        Parallel.For(0, _drones.Count, i =>
        {
            var drone = _drones[i];
            drone.Advance(dt, target);
            if (drone.ShouldSplit)
            {
                drone.Drain(0.25f);
                _born.Add(new Drone(NextId(), drone.Position, -drone.Velocity));
            }
        });

        while (_born.TryTake(out var child))
        {
            _drones.Add(child);
        }
        _drones.RemoveAll(d => d.Battery <= 0);
    }

    private int NextId() => Interlocked.Increment(ref _lastId);
}
