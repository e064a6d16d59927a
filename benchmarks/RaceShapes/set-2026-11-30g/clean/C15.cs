using System.Numerics;

namespace Arena.Physics;

public readonly record struct Particle(Vector2 Position, Vector2 Velocity, float Mass);

/// <summary>
/// N-body style particle step. Each step reads the current state and writes a
/// separate next-state buffer, then swaps the buffers.
/// </summary>
public sealed class ParticleWorld
{
    private const float Softening = 0.01f;
    private Particle[] _current;
    private Particle[] _next;

    public ParticleWorld(IEnumerable<Particle> particles)
    {
        _current = particles.ToArray();
        _next = new Particle[_current.Length];
    }

    public ReadOnlySpan<Particle> Particles => _current;

    public float Gravity { get; set; } = 1f;

    public void Step(float dt)
    {
        var current = _current;
        var next = _next;
        float g = Gravity;

        Parallel.For(0, current.Length, i =>
        {
            Vector2 acceleration = ComputeAcceleration(current, i, g);
            var p = current[i];
            var velocity = p.Velocity + acceleration * dt;
            next[i] = p with { Position = p.Position + velocity * dt, Velocity = velocity };
        });

        _current = next;
        _next = current;
    }

    private static Vector2 ComputeAcceleration(Particle[] particles, int index, float g)
    {
        var self = particles[index];
        var total = Vector2.Zero;

        for (int j = 0; j < particles.Length; j++)
        {
            if (j == index)
                continue;

            var delta = particles[j].Position - self.Position;
            float distSq = delta.LengthSquared() + Softening;
            float inv = 1f / MathF.Sqrt(distSq);
            total += delta * (g * particles[j].Mass * inv * inv * inv);
        }

        return total;
    }

    public float TotalKineticEnergy()
    {
        float energy = 0;
        foreach (var p in _current)
            energy += 0.5f * p.Mass * p.Velocity.LengthSquared();

        return energy;
    }
}
