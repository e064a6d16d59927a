using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;

namespace Blind10.Simulation.Arena;

public abstract class Entity
{
    protected Entity(int id, Vector2 position)
    {
        Id = id;
        Position = position;
    }

    public int Id { get; }
    public Vector2 Position { get; protected set; }
    public Vector2 Velocity { get; set; }
    public bool IsDead { get; protected set; }

    public virtual void Update(float deltaSeconds) => Position += Velocity * deltaSeconds;
}

public sealed class Projectile : Entity
{
    private float _lifetime = 3f;

    public Projectile(int id, Vector2 position, Vector2 velocity) : base(id, position) => Velocity = velocity;

    public override void Update(float deltaSeconds)
    {
        base.Update(deltaSeconds);
        _lifetime -= deltaSeconds;
        IsDead = _lifetime <= 0;
    }
}

public sealed class Turret : Entity
{
    private readonly float _fireInterval;
    private float _cooldown;

    public Turret(int id, Vector2 position, float heading, float fireInterval) : base(id, position)
    {
        Heading = heading;
        _fireInterval = fireInterval;
    }

    public float Heading { get; }
    public bool ReadyToFire { get; private set; }

    public override void Update(float deltaSeconds)
    {
        _cooldown -= deltaSeconds;
        ReadyToFire = _cooldown <= 0;
        if (ReadyToFire)
        {
            _cooldown = _fireInterval;
        }
    }
}

public sealed class ArenaWorld
{
    private const float ProjectileSpeed = 40f;

    private readonly List<Entity> _entities = new();
    private readonly ConcurrentQueue<Entity> _spawned = new();
    private int _nextEntityId = 1;

    public int EntityCount => _entities.Count;

    public Turret AddTurret(Vector2 position, float heading, float fireInterval)
    {
        var turret = new Turret(_nextEntityId++, position, heading, fireInterval);
        _entities.Add(turret);
        return turret;
    }

    public void Step(float deltaSeconds)
    {
        Parallel.ForEach(_entities, entity =>
        {
            entity.Update(deltaSeconds);
            if (entity is Turret { ReadyToFire: true } turret)
            {
                _spawned.Enqueue(FireFrom(turret));
            }
        });

        while (_spawned.TryDequeue(out var entity))
        {
            _entities.Add(entity);
        }
        _entities.RemoveAll(e => e.IsDead);
    }

    private Projectile FireFrom(Turret turret)
    {
        var direction = new Vector2(MathF.Cos(turret.Heading), MathF.Sin(turret.Heading));
        return new Projectile(_nextEntityId++, turret.Position, direction * ProjectileSpeed);
    }
}

public static class ArenaLoop
{
    public static void Run(ArenaWorld world, int ticksPerSecond, CancellationToken ct)
    {
        float step = 1f / ticksPerSecond;
        var clock = Stopwatch.StartNew();
        double accumulator = 0;
        double previous = 0;

        while (!ct.IsCancellationRequested)
        {
            double now = clock.Elapsed.TotalSeconds;
            accumulator += now - previous;
            previous = now;

            while (accumulator >= step)
            {
                world.Step(step);
                accumulator -= step;
            }
            Thread.Sleep(1);
        }
    }
}
