using System.Numerics;

namespace Sandbox.Simulation;

public sealed class Body
{
    public int Id { get; init; }
    public float Radius { get; init; }
    public float Mass { get; init; } = 1f;
    public Vector2 Position;
    public Vector2 Velocity;
}

/// <summary>
/// Very small 2D world: bodies bounce off each other and off the walls.
/// The game loop calls <see cref="Step"/> once per frame.
/// </summary>
public sealed class PhysicsWorld
{
    private const float Restitution = 0.8f;

    private readonly List<Body> _bodies = new();
    private readonly Vector2 _size;

    public PhysicsWorld(float width, float height)
    {
        _size = new Vector2(width, height);
    }

    public IReadOnlyList<Body> Bodies => _bodies;

    public void Add(Body body) => _bodies.Add(body);

    public void Step(float deltaSeconds)
    {
        var bodies = _bodies;
        Parallel.For(0, bodies.Count, i =>
        {
            var body = bodies[i];
            var velocity = body.Velocity;

            for (var j = 0; j < bodies.Count; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var other = bodies[j];
                var offset = body.Position - other.Position;
                var minDistance = body.Radius + other.Radius;
                var distanceSquared = offset.LengthSquared();
                if (distanceSquared > 0f && distanceSquared < minDistance * minDistance)
                {
                    var push = Vector2.Normalize(offset) * (other.Mass / (body.Mass + other.Mass));
                    velocity += push * Restitution;
                }
            }

            velocity = BounceOffWalls(body, velocity);
            body.Velocity = velocity;
            body.Position += velocity * deltaSeconds;
        });
    }

    private Vector2 BounceOffWalls(Body body, Vector2 velocity)
    {
        if (body.Position.X - body.Radius < 0 && velocity.X < 0 ||
            body.Position.X + body.Radius > _size.X && velocity.X > 0)
        {
            velocity.X = -velocity.X * Restitution;
        }

        if (body.Position.Y - body.Radius < 0 && velocity.Y < 0 ||
            body.Position.Y + body.Radius > _size.Y && velocity.Y > 0)
        {
            velocity.Y = -velocity.Y * Restitution;
        }

        return velocity;
    }
}

public sealed class GameLoop
{
    private readonly PhysicsWorld _world;

    public GameLoop(PhysicsWorld world) => _world = world;

    public void Run(int frames, float framesPerSecond = 60f)
    {
        var delta = 1f / framesPerSecond;
        for (var frame = 0; frame < frames; frame++)
        {
            _world.Step(delta);
        }
    }
}
