using System.Numerics;

namespace Blind4.Clean.Games.Physics;

public readonly record struct Body(int Id, Vector2 Position, Vector2 Velocity, float Radius);

public readonly record struct Contact(int A, int B, float Penetration);

/// <summary>
/// Fixed-timestep physics step for a 2D arena. The game loop calls <see cref="Step"/> once per
/// frame; bodies are integrated in parallel from the previous frame's state into a back buffer.
/// </summary>
public sealed class ArenaSimulation
{
    private readonly object _contactsLock = new();
    private readonly List<Contact> _contacts = new();
    private readonly Vector2 _arenaSize;
    private Body[] _current;
    private Body[] _next;

    public ArenaSimulation(IEnumerable<Body> bodies, Vector2 arenaSize)
    {
        _current = bodies.ToArray();
        _next = new Body[_current.Length];
        _arenaSize = arenaSize;
    }

    public IReadOnlyList<Body> Bodies => _current;

    public IReadOnlyList<Contact> LastContacts => _contacts;

    public void Step(float deltaSeconds)
    {
        _contacts.Clear();
        var current = _current;
        var next = _next;

        Parallel.For(0, current.Length,
            () => new List<Contact>(),
            (i, _, localContacts) =>
            {
                var body = current[i];
                var position = body.Position + body.Velocity * deltaSeconds;
                var velocity = body.Velocity;

                // Bounce off the arena walls.
                if (position.X < body.Radius || position.X > _arenaSize.X - body.Radius) velocity.X = -velocity.X;
                if (position.Y < body.Radius || position.Y > _arenaSize.Y - body.Radius) velocity.Y = -velocity.Y;
                position = Vector2.Clamp(position, new Vector2(body.Radius), _arenaSize - new Vector2(body.Radius));

                // Detect overlaps against the previous frame; each pair is reported by its lower id.
                for (var j = i + 1; j < current.Length; j++)
                {
                    var other = current[j];
                    var distance = Vector2.Distance(body.Position, other.Position);
                    var overlap = body.Radius + other.Radius - distance;
                    if (overlap > 0)
                    {
                        localContacts.Add(new Contact(body.Id, other.Id, overlap));
                    }
                }

                next[i] = body with { Position = position, Velocity = velocity };
                return localContacts;
            },
            localContacts =>
            {
                lock (_contactsLock)
                {
                    _contacts.AddRange(localContacts);
                }
            });

        (_current, _next) = (next, current);
    }
}
