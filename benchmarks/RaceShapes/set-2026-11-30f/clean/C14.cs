using System.Numerics;

namespace Sandbox.Particles;

public struct Particle
{
    public Vector2 Position;
    public Vector2 Velocity;
    public float Charge;
}

/// <summary>
/// Charged-particle simulation using two buffers: each frame reads the
/// previous state and writes the next one, then the buffers are swapped.
/// </summary>
public sealed class ParticleField
{
    private const float Softening = 0.01f;

    private Particle[] _current;
    private Particle[] _next;

    public ParticleField(IEnumerable<Particle> particles)
    {
        _current = particles.ToArray();
        _next = new Particle[_current.Length];
    }

    public ReadOnlySpan<Particle> Particles => _current;

    public void Step(float deltaSeconds)
    {
        var current = _current;
        var next = _next;

        Parallel.For(0, current.Length, i =>
        {
            var self = current[i];
            var force = Vector2.Zero;

            for (var j = 0; j < current.Length; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var offset = self.Position - current[j].Position;
                var distanceSquared = offset.LengthSquared() + Softening;
                force += offset * (self.Charge * current[j].Charge / (distanceSquared * MathF.Sqrt(distanceSquared)));
            }

            self.Velocity += force * deltaSeconds;
            self.Position += self.Velocity * deltaSeconds;
            next[i] = self;
        });

        _current = next;
        _next = current;
    }

    public float KineticEnergy()
    {
        var total = 0f;
        foreach (var particle in _current)
        {
            total += 0.5f * particle.Velocity.LengthSquared();
        }

        return total;
    }
}

public sealed class SimulationRunner
{
    public static float Run(int particleCount, int frames)
    {
        var random = new Random(42);
        var field = new ParticleField(Enumerable.Range(0, particleCount).Select(_ => new Particle
        {
            Position = new Vector2(random.NextSingle() * 100, random.NextSingle() * 100),
            Charge = random.Next(2) == 0 ? -1f : 1f,
        }));

        for (var frame = 0; frame < frames; frame++)
        {
            field.Step(1f / 60f);
        }

        return field.KineticEnergy();
    }
}
